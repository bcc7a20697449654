import db from '@adonisjs/lucid/services/db'
import User from '#models/user'

/** Where a session is opened from, shown in the sessions list. */
export interface SessionClient {
  ip: string
  userAgent?: string | null
}

/**
 * Opens a session: a new API access token, stamped with the client's IP and
 * user agent (cut to the column sizes) so that its owner can recognize and
 * revoke it later (`GET /auth/sessions`). Returns the token's secret value,
 * shown once.
 */
export async function openSession(user: User, client: SessionClient, name: string) {
  const token = await User.accessTokens.create(user, ['*'], { name })
  await db
    .from('auth_access_tokens')
    .where('id', String(token.identifier))
    .update({ ip: client.ip.slice(0, 45), user_agent: client.userAgent?.slice(0, 255) ?? null })
  return token.value!.release()
}
