import { randomBytes } from 'node:crypto'

/**
 * A random password for an account an admin creates or resets: 24 URL-safe
 * characters (144 bits), shown once by chatctl and never stored in clear.
 */
export function oneTimePassword() {
  return randomBytes(18).toString('base64url')
}
