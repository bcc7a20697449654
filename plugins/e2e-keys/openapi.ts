import {
  bool,
  data,
  described,
  int,
  list,
  obj,
  op,
  str,
  uuid,
  type Paths,
} from '#extensions/openapi'

/*
 * The plugin's operations in /openapi.json, registered by its provider next
 * to its routes, so a server lists them only while the plugin is enabled.
 */

const publicKey = (algorithms: string[]) =>
  obj({ algorithm: str({ enum: algorithms }), publicKey: str({ maxLength: 4096 }) })
const device = { type: 'object', description: 'A device with its keys and SPKI fingerprints' }

/** A registered device, as its key directory shows it. */
const deviceExample = {
  deviceId: '5d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a',
  userId: '0b7c2f1e-3a4d-4e5f-8a9b-1c2d3e4f5a6b',
  encryptionKey: {
    algorithm: 'X25519',
    publicKey: '-----BEGIN PUBLIC KEY-----…',
    fingerprint: 'a3f1c2d4e5b6978812aa34bc56de78f09a1b2c3d4e5f60718293a4b5c6d7e8f9',
  },
  signingKey: {
    algorithm: 'Ed25519',
    publicKey: '-----BEGIN PUBLIC KEY-----…',
    fingerprint: '0f9e8d7c6b5a49382716f5e4d3c2b1a09f8e7d6c5b4a39281706f5e4d3c2b1a0',
  },
  createdAt: '2026-12-04T09:30:00.000Z',
}

/** The e2e-keys operations. */
export const e2eKeysPaths: Paths = {
  '/keys/devices/{deviceId}': {
    put: op('/keys/devices/{deviceId}', {
      operationId: 'registerDeviceKeys',
      example: { data: deviceExample },
      requestExample: {
        encryptionKey: { algorithm: 'X25519', publicKey: '-----BEGIN PUBLIC KEY-----…' },
        signingKey: { algorithm: 'Ed25519', publicKey: '-----BEGIN PUBLIC KEY-----…' },
        signature: 'base64…',
      },
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
      operationId: 'revokeDevice',
      description:
        'Revokes the device’s keys and appends the change to the key log; contacts get `key_changed`.',
      tag: 'keys',
      summary: 'Revoke one of the caller’s devices (its encrypted rooms need a new key version)',
      ok: { 204: null },
    }),
  },
  '/users/{id}/public-key': {
    get: op('/users/{id}/public-key', {
      operationId: 'getUserPublicKeys',
      description:
        'The active device keys of a user sharing an organization with the caller, with SPKI fingerprints.',
      tag: 'keys',
      summary: 'A user’s active device keys with fingerprints (users sharing an organization)',
      ok: { 200: data(obj({ userId: uuid(), devices: list(device) })) },
    }),
  },
  '/users/{id}/key-log': {
    get: op('/users/{id}/key-log', {
      operationId: 'getUserKeyLog',
      description:
        'Every key change of the user, each entry hashing the previous one; clients verify the chain.',
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
      operationId: 'getRoomKeys',
      example: {
        data: {
          roomId: 'a1b2c3d4-e5f6-4a1b-9c2d-3e4f5a6b7c8d',
          currentVersion: 3,
          stale: true,
          envelopes: [],
          recipients: [],
        },
      },
      description:
        'The room key envelopes addressed to the caller’s device, and the member devices the next key version must cover.',
      tag: 'keys',
      summary: 'The caller’s envelopes, and the devices the next version must cover',
      org: true,
      query: { deviceId: described(uuid(), 'The caller’s device whose envelopes to return') },
      ok: { 200: { type: 'object' } },
    }),
    post: op('/chat/rooms/{roomId}/keys', {
      operationId: 'uploadRoomKeyVersion',
      description:
        'Key versions are immutable; the upload must cover exactly the current members’ devices (409 otherwise).',
      requestExample: {
        version: 4,
        deviceId: '5d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a',
        envelopes: [
          {
            userId: '0b7c2f1e-3a4d-4e5f-8a9b-1c2d3e4f5a6b',
            deviceId: '5d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a',
            wrappedKey: 'base64 of the room key wrapped for this device',
            signature: 'base64 signature by the uploading device',
          },
        ],
      },
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
