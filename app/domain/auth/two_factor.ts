import { createHmac, randomBytes, randomUUID } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import encryption from '@adonisjs/core/services/encryption'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import env from '#start/env'
import type User from '#models/user'
import { matchTotp } from '#domain/auth/totp'

/*
 * Two-factor authentication internals: the TOTP secret is stored encrypted
 * with APP_KEY (a database dump alone cannot mint codes); recovery codes are
 * stored as HMAC-SHA256 under APP_KEY, so a dump cannot be brute-forced
 * offline either; every code, TOTP or recovery, works once.
 */

type Client = TransactionClientContract | typeof db

/** How many recovery codes an account gets. */
export const RECOVERY_CODE_COUNT = 10

const CODE_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789'

/** Encrypts a TOTP secret for `users.two_factor_secret`. */
export function sealSecret(secret: string) {
  return encryption.encrypt(secret)
}

/** Decrypts `users.two_factor_secret` (null when it cannot be read). */
export function openSecret(sealed: string | null) {
  return sealed ? (encryption.decrypt<string>(sealed) ?? null) : null
}

/** A recovery code as typed: lower case, without spaces and dashes. */
function normalizeRecoveryCode(code: string) {
  return code.toLowerCase().replace(/[\s-]/g, '')
}

function hashRecoveryCode(code: string) {
  return createHmac('sha256', env.get('APP_KEY').release())
    .update(normalizeRecoveryCode(code))
    .digest('hex')
}

/** Ten new recovery codes (`xxxxx-xxxxx`, ~49 bits each), replacing any the account had. */
export async function replaceRecoveryCodes(user: User, trx: TransactionClientContract) {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const bytes = randomBytes(10)
    const chars = [...bytes].map((byte) => CODE_ALPHABET[byte % CODE_ALPHABET.length]).join('')
    return `${chars.slice(0, 5)}-${chars.slice(5)}`
  })
  await trx.from('user_recovery_codes').where('user_id', user.id).delete()
  await trx.table('user_recovery_codes').insert(
    codes.map((code) => ({
      id: randomUUID(),
      user_id: user.id,
      code_hash: hashRecoveryCode(code),
      created_at: new Date(),
    }))
  )
  return codes
}

/** Forgets an account's two-factor state: secret, last step and recovery codes. */
export async function clearTwoFactor(user: User, trx: TransactionClientContract) {
  await trx.from('user_recovery_codes').where('user_id', user.id).delete()
  await trx.from('users').where('id', user.id).update({
    two_factor_secret: null,
    two_factor_enabled_at: null,
    two_factor_last_step: null,
  })
}

/**
 * Uses a TOTP code of `secret` once: the step is recorded only if it is newer
 * than the last one used (one UPDATE), so a code seen by someone else cannot
 * be replayed, not even concurrently.
 */
export async function useTotp(userId: string, secret: string, code: string, client: Client = db) {
  const step = matchTotp(secret, code)
  if (step === null) return false
  const updated = await client
    .from('users')
    .where('id', userId)
    .where((query) =>
      query.whereNull('two_factor_last_step').orWhere('two_factor_last_step', '<', step)
    )
    .update({ two_factor_last_step: step })
    .returning('id')
  return updated.length === 1
}

/** Uses a recovery code once. */
export async function useRecoveryCode(userId: string, code: string, client: Client = db) {
  const rows = await client
    .from('user_recovery_codes')
    .where('user_id', userId)
    .where('code_hash', hashRecoveryCode(code))
    .whereNull('used_at')
    .update({ used_at: new Date() })
    .returning('id')
  return rows.length === 1
}

/** Whether `code` is a current TOTP code or an unused recovery code of an enabled account; uses it. */
export async function useSecondFactor(user: User, code: string, client: Client = db) {
  const secret = openSecret(user.twoFactorSecret)
  if (!user.twoFactorEnabledAt || !secret) return false
  if (/^[0-9]{6}$/.test(code.trim())) return useTotp(user.id, secret, code.trim(), client)
  return useRecoveryCode(user.id, code, client)
}

/** How many unused recovery codes an account has left. */
export async function recoveryCodesLeft(userId: string) {
  const row = await db
    .from('user_recovery_codes')
    .where('user_id', userId)
    .whereNull('used_at')
    .count('* as total')
    .first()
  return Number(row?.total ?? 0)
}
