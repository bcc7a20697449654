import type { EncryptedPayload } from '#extensions/e2e_rooms'
import { AppException } from '#extensions/errors'
import { MESSAGE_ALGORITHM } from '../../packages/client/src/e2e/room_keys.js'

/*
 * The message algorithms e2e-keys documents (README, e2e-keys), with the
 * exact sizes a sealed message has: AES-256-GCM with a 96-bit IV and a
 * 128-bit tag appended to the ciphertext (WebCrypto's layout, as the
 * client's `encryptMessage` produces it). The server cannot decrypt, but it
 * refuses what no client of the plugin could open.
 */

/** IV and tag lengths, in bytes, per accepted `algorithm`. */
export const MESSAGE_ALGORITHMS: Record<string, { ivBytes: number; tagBytes: number }> = {
  [MESSAGE_ALGORITHM]: { ivBytes: 12, tagBytes: 16 },
}

function refused(field: string, message: string): never {
  throw new AppException(message, { status: 422, code: 'E_VALIDATION_ERROR', field })
}

/** Bytes of a base64 text (core has checked the alphabet and padding). */
function decodedLength(base64: string) {
  return Buffer.from(base64, 'base64').length
}

/** 422 on `algorithm`, `iv` or `ciphertext` unless the payload fits a documented algorithm. */
export function assertMessageAlgorithm(payload: EncryptedPayload) {
  const sizes = Object.hasOwn(MESSAGE_ALGORITHMS, payload.algorithm)
    ? MESSAGE_ALGORITHMS[payload.algorithm]
    : refused(
        'algorithm',
        `Unsupported algorithm: use ${Object.keys(MESSAGE_ALGORITHMS).join(', ')}`
      )
  if (decodedLength(payload.iv) !== sizes.ivBytes || payload.iv.length % 4 !== 0) {
    refused('iv', `The iv of ${payload.algorithm} must be ${sizes.ivBytes} bytes of base64`)
  }
  if (decodedLength(payload.ciphertext) <= sizes.tagBytes || payload.ciphertext.length % 4 !== 0) {
    refused(
      'ciphertext',
      `The ciphertext of ${payload.algorithm} must be base64 of the sealed body and its ${sizes.tagBytes}-byte tag`
    )
  }
}
