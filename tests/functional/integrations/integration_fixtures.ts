import type Organization from '#models/organization'
import type User from '#models/user'
import { actorFor } from '#services/org_context'
import CreateBot from '#actions/bots/create_bot'
import CreateApiKey from '#actions/bots/create_api_key'
import type { UserWithToken } from '#tests/helpers/users'

/*
 * Integration fixtures built through the real actions: a bot of an
 * organization and an API key for it, as an admin would make them.
 */

/** A bot created by `admin` in `org`, with an API key (`token`) to act as it. */
export async function botWithKey(
  org: Organization,
  admin: UserWithToken,
  username = `bot_${Math.random().toString(36).slice(2, 8)}`
): Promise<UserWithToken & { keyId: string }> {
  const actor = await actorFor(admin.user, org.id)
  const user: User = await CreateBot.handle(actor, { username, displayName: 'A bot' })
  const { key } = await CreateApiKey.handle(actor, user.id, { name: 'test' })
  return { user, token: key.secret, keyId: key.id }
}
