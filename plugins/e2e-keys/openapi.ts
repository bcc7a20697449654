import { bool, data, int, list, obj, op, str, uuid, type Paths } from '#extensions/openapi'

/*
 * The plugin's operations in /openapi.json, registered by its provider next
 * to its routes, so a server lists them only while the plugin is enabled.
 */

const publicKey = (algorithms: string[]) =>
  obj({ algorithm: str({ enum: algorithms }), publicKey: str({ maxLength: 4096 }) })
const device = { type: 'object', description: 'A device with its keys and SPKI fingerprints' }

/** The e2e-keys operations. */
export const e2eKeysPaths: Paths = {
  '/keys/devices/{deviceId}': {
    put: op('/keys/devices/{deviceId}', {
      tag: 'keys',
      summary: 'Register a device’s public keys (201), or confirm the same keys (200)',
      description: 'Signed by the device’s own signing key; keys under 2048 bits are 422.',
      body: obj({
        encryptionKey: publicKey(['RSA-OAEP', 'X25519']),
        signingKey: publicKey(['Ed25519', 'RSA-PSS']),
        signature: str(),
      }),
      ok: { 200: data(device), 201: data(device) },
      errors: [409],
    }),
    delete: op('/keys/devices/{deviceId}', {
      tag: 'keys',
      summary: 'Revoke one of the caller’s devices (its encrypted rooms need a new key version)',
      ok: { 204: null },
    }),
  },
  '/users/{id}/public-key': {
    get: op('/users/{id}/public-key', {
      tag: 'keys',
      summary: 'A user’s active device keys with fingerprints (users sharing an organization)',
      ok: { 200: data(obj({ userId: uuid(), devices: list(device) })) },
    }),
  },
  '/users/{id}/key-log': {
    get: op('/users/{id}/key-log', {
      tag: 'keys',
      summary: 'The user’s hash-chained, append-only key log',
      ok: {
        200: obj({
          data: list({ type: 'object' }),
          meta: obj({ head: { anyOf: [obj({ seq: int(), hash: str() }), { type: 'null' }] } }),
        }),
      },
    }),
  },
  '/chat/rooms/{roomId}/keys': {
    get: op('/chat/rooms/{roomId}/keys', {
      tag: 'keys',
      summary: 'The caller’s envelopes, and the devices the next version must cover',
      org: true,
      query: { deviceId: uuid() },
      ok: { 200: { type: 'object' } },
    }),
    post: op('/chat/rooms/{roomId}/keys', {
      tag: 'keys',
      summary: 'Upload the next key version: one signed envelope per current member device',
      org: true,
      body: obj({
        version: int({ minimum: 1 }),
        deviceId: uuid(),
        envelopes: list(
          obj({ userId: uuid(), deviceId: uuid(), wrappedKey: str(), signature: str() }),
          { minItems: 1 }
        ),
      }),
      ok: {
        201: data(
          obj({
            roomId: uuid(),
            version: int(),
            createdById: uuid(),
            createdByDeviceId: uuid(),
            stale: bool(),
            createdAt: str({ format: 'date-time' }),
          })
        ),
      },
      errors: [409],
    }),
  },
}
