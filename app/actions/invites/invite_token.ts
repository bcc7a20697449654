import { createHash, randomBytes } from 'node:crypto'

/**
 * Invite tokens: 32 random bytes (base64url) handed out once; only their
 * sha256 (hex) is stored, so a database dump cannot be used to join.
 */
export function newInviteToken() {
  const token = randomBytes(32).toString('base64url')
  return { token, tokenHash: hashInviteToken(token) }
}

/** The stored form of a token. */
export function hashInviteToken(token: string) {
  return createHash('sha256').update(token).digest('hex')
}
