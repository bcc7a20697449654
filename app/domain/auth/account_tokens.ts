import { createHash, randomBytes } from 'node:crypto'
import { randomUUID } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type User from '#models/user'
import { AppException } from '#exceptions/app_exception'

/** What a mailed token is for. */
export type AccountTokenPurpose = 'verify_email' | 'reset_password'

/** How long each kind of token works: a reset link is short-lived, a verification link a day. */
export const TOKEN_LIFETIME_MS: Record<AccountTokenPurpose, number> = {
  verify_email: 24 * 3600_000,
  reset_password: 3600_000,
}

/** How long the set-password link of a new organization owner works (chatctl org create): a week. */
export const SET_PASSWORD_LIFETIME_MS = 7 * 24 * 3600_000

type Client = TransactionClientContract | typeof db

function hashToken(token: string) {
  return createHash('sha256').update(token).digest('hex')
}

/**
 * Issues a token mailed to the account's current address: 32 random bytes
 * (base64url) shown once; only the sha256 is stored, with the address it
 * went to and its expiry. Returns the token in clear for the mail.
 */
export async function issueAccountToken(
  user: User,
  purpose: AccountTokenPurpose,
  client: Client = db,
  lifetimeMs: number = TOKEN_LIFETIME_MS[purpose]
) {
  const token = randomBytes(32).toString('base64url')
  const now = Date.now()
  await client.table('account_tokens').insert({
    id: randomUUID(),
    user_id: user.id,
    purpose,
    token_hash: hashToken(token),
    email: user.email,
    expires_at: new Date(now + lifetimeMs),
    created_at: new Date(now),
  })
  return token
}

/**
 * Uses a token once: one UPDATE marks it used only if it is unused,
 * unexpired and of this purpose, so two concurrent uses cannot both win.
 * Unknown, used, expired and foreign tokens are one 404 E_TOKEN_INVALID.
 */
export async function consumeAccountToken(
  token: string,
  purpose: AccountTokenPurpose,
  trx: TransactionClientContract
): Promise<{ userId: string; email: string }> {
  const rows = await trx
    .from('account_tokens')
    .where('token_hash', hashToken(token))
    .where('purpose', purpose)
    .whereNull('used_at')
    .where('expires_at', '>', new Date())
    .update({ used_at: new Date() })
    .returning(['user_id', 'email'])
  if (!rows.length) {
    throw new AppException('This link is invalid or has expired', {
      status: 404,
      code: 'E_TOKEN_INVALID',
    })
  }
  return { userId: rows[0].user_id, email: rows[0].email }
}

/** Marks every unused token of this purpose of an account used (after a reset, a change of address). */
export async function retireAccountTokens(
  userId: string,
  purpose: AccountTokenPurpose,
  client: Client = db
) {
  await client
    .from('account_tokens')
    .where('user_id', userId)
    .where('purpose', purpose)
    .whereNull('used_at')
    .update({ used_at: new Date() })
}
