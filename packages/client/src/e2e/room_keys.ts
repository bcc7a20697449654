import {
  E2eVerificationError,
  fingerprint,
  fromBase64,
  pemToSpki,
  subtle,
  toBase64,
  utf8,
} from './encoding.js'
import type { CryptoKey, CryptoKeyPair, KeyUsage } from './encoding.js'
import {
  signWith,
  verifySignature,
  type DeviceKeys,
  type EncryptionAlgorithm,
  type PublicKeyRef,
  type SigningAlgorithm,
} from './device_keys.js'

/** The HKDF info of X25519 key wrapping; binds wrapped keys to this scheme. */
const WRAP_INFO = utf8('parley-e2e-wrap:v1')

/** A member device a room key is wrapped for. */
export interface Recipient {
  userId: string
  deviceId: string
  encryptionKey: PublicKeyRef<EncryptionAlgorithm>
}

/** One envelope of an upload: a room key wrapped for one device, signed by the uploader. */
export interface EnvelopeUpload {
  userId: string
  deviceId: string
  wrappedKey: string
  signature: string
}

/** An envelope as `GET /chat/rooms/:roomId/keys` returns it to its recipient. */
export interface ReceivedEnvelope {
  roomId: string
  version: number
  userId: string
  deviceId: string
  senderUserId: string
  senderDeviceId: string
  senderSigningKey: PublicKeyRef<SigningAlgorithm>
  wrappedKey: string
  signature: string
}

/** A fresh AES-256-GCM room key (raw bytes; never sent in clear). */
export function generateRoomKey(): Uint8Array<ArrayBuffer> {
  return globalThis.crypto.getRandomValues(new Uint8Array(32))
}

/** X25519 → HKDF-SHA256 → an AES-256-GCM key wrapping key. */
async function x25519WrapKey(privateKey: CryptoKey, publicKey: CryptoKey, usage: KeyUsage) {
  const shared = await subtle.deriveBits({ name: 'X25519', public: publicKey }, privateKey, 256)
  const base = await subtle.importKey('raw', shared, 'HKDF', false, ['deriveKey'])
  return subtle.deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(32), info: WRAP_INFO },
    base,
    { name: 'AES-GCM', length: 256 },
    false,
    [usage]
  )
}

/**
 * Wraps a room key for one device: RSA-OAEP/SHA-256 directly, or X25519 with
 * an ephemeral key (`ephemeral public (32) || iv (12) || AES-GCM ciphertext`).
 */
export async function wrapRoomKey(
  roomKey: Uint8Array<ArrayBuffer>,
  recipient: PublicKeyRef<EncryptionAlgorithm>
): Promise<string> {
  const spki = pemToSpki(recipient.publicKey)
  if (recipient.algorithm === 'RSA-OAEP') {
    const key = await subtle.importKey('spki', spki, { name: 'RSA-OAEP', hash: 'SHA-256' }, false, [
      'encrypt',
    ])
    return toBase64(await subtle.encrypt({ name: 'RSA-OAEP' }, key, roomKey))
  }
  const publicKey = await subtle.importKey('spki', spki, { name: 'X25519' }, false, [])
  const usages: KeyUsage[] = ['deriveBits']
  const ephemeral = (await subtle.generateKey(
    { name: 'X25519' } as any,
    true,
    usages
  )) as CryptoKeyPair
  const wrapKey = await x25519WrapKey(ephemeral.privateKey, publicKey, 'encrypt')
  const iv = globalThis.crypto.getRandomValues(new Uint8Array(12))
  const sealed = new Uint8Array(await subtle.encrypt({ name: 'AES-GCM', iv }, wrapKey, roomKey))
  const raw = new Uint8Array(await subtle.exportKey('raw', ephemeral.publicKey))
  return toBase64(new Uint8Array([...raw, ...iv, ...sealed]))
}

/** Opens what `wrapRoomKey` made for this device. */
export async function unwrapRoomKey(device: DeviceKeys, wrappedKey: string) {
  const bytes = fromBase64(wrappedKey)
  if (device.encryption.algorithm === 'RSA-OAEP') {
    const raw = await subtle.decrypt({ name: 'RSA-OAEP' }, device.encryption.privateKey, bytes)
    return new Uint8Array(raw)
  }
  const ephemeral = await subtle.importKey('raw', bytes.slice(0, 32), { name: 'X25519' }, false, [])
  const wrapKey = await x25519WrapKey(device.encryption.privateKey, ephemeral, 'decrypt')
  const iv = bytes.slice(32, 44)
  return new Uint8Array(await subtle.decrypt({ name: 'AES-GCM', iv }, wrapKey, bytes.slice(44)))
}

/**
 * What the uploader signs for each envelope: room, version, recipient, the
 * uploader's device and the wrapped key. A server that moves an envelope to
 * another device, room or version breaks the signature.
 */
export function envelopePayload(input: {
  roomId: string
  version: number
  userId: string
  deviceId: string
  senderDeviceId: string
  wrappedKey: string
}) {
  return [
    'parley-e2e-envelope:v1',
    input.roomId,
    String(input.version),
    input.userId,
    input.deviceId,
    input.senderDeviceId,
    input.wrappedKey,
  ].join('\n')
}

/**
 * The body of `POST /chat/rooms/:roomId/keys`: the room key wrapped for every
 * recipient device and each envelope signed by the uploading device.
 */
export async function buildRoomKeyUpload(input: {
  roomId: string
  version: number
  roomKey: Uint8Array<ArrayBuffer>
  sender: DeviceKeys
  recipients: Recipient[]
}) {
  const envelopes: EnvelopeUpload[] = []
  for (const recipient of input.recipients) {
    const wrappedKey = await wrapRoomKey(input.roomKey, recipient.encryptionKey)
    const payload = envelopePayload({
      roomId: input.roomId,
      version: input.version,
      userId: recipient.userId,
      deviceId: recipient.deviceId,
      senderDeviceId: input.sender.deviceId,
      wrappedKey,
    })
    envelopes.push({
      ...recipientIds(recipient),
      wrappedKey,
      signature: await signWith(input.sender, payload),
    })
  }
  return { version: input.version, deviceId: input.sender.deviceId, envelopes }
}

function recipientIds(recipient: Recipient) {
  return { userId: recipient.userId, deviceId: recipient.deviceId }
}

/**
 * Verifies an envelope's signature, then unwraps its room key. With
 * `trustedSigningFingerprints` (from the sender's verified key log), a
 * signing key the log does not vouch for is refused too.
 */
export async function openEnvelope(
  device: DeviceKeys,
  envelope: ReceivedEnvelope,
  options: { trustedSigningFingerprints?: Set<string> } = {}
) {
  if (options.trustedSigningFingerprints) {
    const signer = await fingerprint(envelope.senderSigningKey.publicKey)
    if (!options.trustedSigningFingerprints.has(signer)) {
      throw new E2eVerificationError('E_ENVELOPE_SENDER', 'Envelope signed by an unknown key')
    }
  }
  const payload = envelopePayload({ ...envelope, senderDeviceId: envelope.senderDeviceId })
  if (!(await verifySignature(envelope.senderSigningKey, payload, envelope.signature))) {
    throw new E2eVerificationError('E_ENVELOPE_SIGNATURE', 'Envelope signature does not verify')
  }
  return unwrapRoomKey(device, envelope.wrappedKey)
}

/** Algorithm tag of messages sealed by `encryptMessage`. */
export const MESSAGE_ALGORITHM = 'AES-256-GCM'

function messageAad(roomId: string, keyVersion: number) {
  return utf8(`parley-e2e-message:v1\n${roomId}\n${keyVersion}`)
}

/**
 * Seals a message under a room key (AES-256-GCM, 96-bit random iv, the room
 * and key version as associated data): the body of an encrypted send.
 */
export async function encryptMessage(
  roomKey: Uint8Array<ArrayBuffer>,
  input: { roomId: string; keyVersion: number; text: string }
) {
  const key = await subtle.importKey('raw', roomKey, 'AES-GCM', false, ['encrypt'])
  const iv = globalThis.crypto.getRandomValues(new Uint8Array(12))
  const additionalData = messageAad(input.roomId, input.keyVersion)
  const sealed = await subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData },
    key,
    utf8(input.text)
  )
  return {
    ciphertext: toBase64(sealed),
    iv: toBase64(iv),
    keyVersion: input.keyVersion,
    algorithm: MESSAGE_ALGORITHM,
  }
}

/** Opens a message sealed by `encryptMessage`; throws on a wrong key or tampering. */
export async function decryptMessage(
  roomKey: Uint8Array<ArrayBuffer>,
  roomId: string,
  payload: { ciphertext: string; iv: string; keyVersion: number }
) {
  const key = await subtle.importKey('raw', roomKey, 'AES-GCM', false, ['decrypt'])
  const additionalData = messageAad(roomId, payload.keyVersion)
  const iv = fromBase64(payload.iv)
  const plain = await subtle.decrypt(
    { name: 'AES-GCM', iv, additionalData },
    key,
    fromBase64(payload.ciphertext)
  )
  return new TextDecoder().decode(plain)
}
