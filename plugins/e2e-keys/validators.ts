import vine from '@vinejs/vine'
import { idRule, integerRule, MAX_INT, textRule } from '#extensions/validation'

/*
 * e2e-keys validators. Documented limits: PEM keys ≤ 4096 characters,
 * signatures ≤ 1024 base64 characters, wrapped keys ≤ 2048, at most 1000
 * envelopes per upload (one per member device).
 */

/** Most envelopes one key version may carry. */
export const MAX_ENVELOPES = 1000

const base64Rule = (max: number) =>
  textRule()
    .minLength(4)
    .maxLength(max)
    .regex(/^[A-Za-z0-9+/]+={0,2}$/)
const pemRule = () => textRule().minLength(1).maxLength(4096)

/** PUT /keys/devices/:deviceId: a device's public keys and its self-signature. */
export const registerDeviceKeyValidator = vine.create({
  params: vine.object({ deviceId: idRule() }),
  encryptionKey: vine.object({
    algorithm: vine.enum(['RSA-OAEP', 'X25519'] as const),
    publicKey: pemRule(),
  }),
  signingKey: vine.object({
    algorithm: vine.enum(['Ed25519', 'RSA-PSS'] as const),
    publicKey: pemRule(),
  }),
  signature: base64Rule(1024),
})

/** POST /chat/rooms/:roomId/keys: the envelopes of the room's next key version. */
export const addRoomKeyVersionValidator = vine.create({
  version: integerRule(1, MAX_INT),
  deviceId: idRule(),
  envelopes: vine
    .array(
      vine.object({
        userId: idRule(),
        deviceId: idRule(),
        wrappedKey: base64Rule(2048),
        signature: base64Rule(1024),
      })
    )
    .minLength(1)
    .maxLength(MAX_ENVELOPES),
})

/** GET /chat/rooms/:roomId/keys: optionally only one of the caller's devices. */
export const listRoomKeysValidator = vine.create({
  deviceId: idRule().optional(),
})
