import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'

/*
 * Time-based one-time passwords (RFC 6238 over RFC 4226 HOTP) as every
 * authenticator app computes them: HMAC-SHA1, 30-second steps, 6 digits,
 * secrets of 20 random bytes shown in base32.
 */

/** Seconds per time step. */
export const STEP_SECONDS = 30

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'

/** RFC 4648 base32 without padding (what otpauth:// URLs carry). */
export function base32Encode(bytes: Buffer) {
  let bits = 0
  let value = 0
  let out = ''
  for (const byte of bytes) {
    value = (value << 8) | byte
    bits += 8
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31]
      bits -= 5
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31]
  return out
}

/** Decodes base32 (case-insensitive, padding and spaces ignored). */
export function base32Decode(text: string) {
  const clean = text.toUpperCase().replace(/[\s=]/g, '')
  let bits = 0
  let value = 0
  const out: number[] = []
  for (const char of clean) {
    const index = BASE32.indexOf(char)
    if (index < 0) throw new Error('Invalid base32')
    value = (value << 5) | index
    bits += 5
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255)
      bits -= 8
    }
  }
  return Buffer.from(out)
}

/** A new secret: 20 random bytes (160 bits, RFC 4226's recommendation), base32. */
export function newTotpSecret() {
  return base32Encode(randomBytes(20))
}

/** The HOTP value of `key` at `counter`, `digits` long (RFC 4226 §5.3). */
export function hotp(key: Buffer, counter: number, digits = 6) {
  const message = Buffer.alloc(8)
  message.writeBigUInt64BE(BigInt(counter))
  const mac = createHmac('sha1', key).update(message).digest()
  const offset = mac[mac.length - 1] & 0x0f
  const binary = mac.readUInt32BE(offset) & 0x7fffffff
  return String(binary % 10 ** digits).padStart(digits, '0')
}

/** The time step of a moment (ms since the epoch). */
export function stepAt(ms: number) {
  return Math.floor(ms / 1000 / STEP_SECONDS)
}

/**
 * The step whose code `code` is, within one step either side of `now` (clock
 * drift), or null. Compared in constant time.
 */
export function matchTotp(secret: string, code: string, now = Date.now()): number | null {
  if (!/^[0-9]{6}$/.test(code)) return null
  const key = base32Decode(secret)
  const current = stepAt(now)
  for (const step of [current - 1, current, current + 1]) {
    if (timingSafeEqual(Buffer.from(hotp(key, step)), Buffer.from(code))) return step
  }
  return null
}

/** The otpauth:// URL authenticator apps read (as a QR code or pasted). */
export function otpauthUrl(secret: string, account: string, issuer = 'Parley') {
  const label = encodeURIComponent(`${issuer}:${account}`)
  const query = new URLSearchParams({
    secret,
    issuer,
    algorithm: 'SHA1',
    digits: '6',
    period: '30',
  })
  return `otpauth://totp/${label}?${query}`
}
