import {
  fingerprint,
  fromBase64,
  spkiToPem,
  pemToSpki,
  subtle,
  toBase64,
  utf8,
} from './encoding.js'
import type { CryptoKey, CryptoKeyPair, KeyUsage } from './encoding.js'

/** How a device receives room keys: RSA-OAEP (SHA-256, ≥ 2048 bits) or X25519. */
export type EncryptionAlgorithm = 'RSA-OAEP' | 'X25519'

/** How a device signs envelopes and its registration: Ed25519 or RSA-PSS (SHA-256). */
export type SigningAlgorithm = 'Ed25519' | 'RSA-PSS'

/** A public key as the API carries it. */
export interface PublicKeyRef<Algorithm extends string> {
  algorithm: Algorithm
  publicKey: string
}

/** One device's key pairs. The private keys never leave the device. */
export interface DeviceKeys {
  deviceId: string
  encryption: { algorithm: EncryptionAlgorithm; publicPem: string; privateKey: CryptoKey }
  signing: { algorithm: SigningAlgorithm; publicPem: string; privateKey: CryptoKey }
}

/** RSA-PSS salt length (bytes): the SHA-256 digest length, as the server verifies. */
export const PSS_SALT_LENGTH = 32

const RSA_EXPONENT = new Uint8Array([1, 0, 1])

function encryptionParams(algorithm: EncryptionAlgorithm, bits: number) {
  return algorithm === 'X25519'
    ? { name: 'X25519' }
    : { name: 'RSA-OAEP', modulusLength: bits, publicExponent: RSA_EXPONENT, hash: 'SHA-256' }
}

function signingParams(algorithm: SigningAlgorithm, bits: number) {
  return algorithm === 'Ed25519'
    ? { name: 'Ed25519' }
    : { name: 'RSA-PSS', modulusLength: bits, publicExponent: RSA_EXPONENT, hash: 'SHA-256' }
}

async function generatePair(params: object, usages: KeyUsage[]) {
  const pair = (await subtle.generateKey(params as any, true, usages)) as CryptoKeyPair
  const publicPem = spkiToPem(await subtle.exportKey('spki', pair.publicKey))
  return { publicPem, privateKey: pair.privateKey }
}

/**
 * Generates a device's encryption and signing key pairs (X25519 + Ed25519 by
 * default). `rsaBits` sizes RSA keys (2048 minimum on the server).
 */
export async function generateDeviceKeys(
  options: {
    deviceId?: string
    encryption?: EncryptionAlgorithm
    signing?: SigningAlgorithm
    rsaBits?: number
  } = {}
): Promise<DeviceKeys> {
  const encryption = options.encryption ?? 'X25519'
  const signing = options.signing ?? 'Ed25519'
  const bits = options.rsaBits ?? 2048
  const usages: KeyUsage[] = encryption === 'X25519' ? ['deriveBits'] : ['encrypt', 'decrypt']
  const enc = await generatePair(encryptionParams(encryption, bits), usages)
  const sig = await generatePair(signingParams(signing, bits), ['sign', 'verify'])
  return {
    deviceId: options.deviceId ?? globalThis.crypto.randomUUID(),
    encryption: { algorithm: encryption, ...enc },
    signing: { algorithm: signing, ...sig },
  }
}

/** Signs bytes with the device's signing key; base64 signature. */
export async function signWith(device: DeviceKeys, data: string): Promise<string> {
  const params =
    device.signing.algorithm === 'Ed25519'
      ? { name: 'Ed25519' }
      : { name: 'RSA-PSS', saltLength: PSS_SALT_LENGTH }
  return toBase64(await subtle.sign(params, device.signing.privateKey, utf8(data)))
}

/** Verifies a base64 signature made by `signWith` against a signing public key. */
export async function verifySignature(
  key: PublicKeyRef<SigningAlgorithm>,
  data: string,
  signature: string
): Promise<boolean> {
  const ed = key.algorithm === 'Ed25519'
  try {
    const publicKey = await subtle.importKey(
      'spki',
      pemToSpki(key.publicKey),
      ed ? { name: 'Ed25519' } : { name: 'RSA-PSS', hash: 'SHA-256' },
      false,
      ['verify']
    )
    const params = ed ? { name: 'Ed25519' } : { name: 'RSA-PSS', saltLength: PSS_SALT_LENGTH }
    return await subtle.verify(params, publicKey, fromBase64(signature), utf8(data))
  } catch {
    return false
  }
}

/**
 * What a device signs to register: it binds both keys to the user and the
 * device id, so the registration (and its key log entry) proves possession
 * of the signing key and cannot be replayed for another user or device.
 */
export function registrationPayload(input: {
  userId: string
  deviceId: string
  encryptionFingerprint: string
  signingFingerprint: string
}) {
  return [
    'parley-e2e-device:v1',
    input.userId,
    input.deviceId,
    input.encryptionFingerprint,
    input.signingFingerprint,
  ].join('\n')
}

/** The body of `PUT /keys/devices/:deviceId` for this device, signed by it. */
export async function deviceRegistration(device: DeviceKeys, userId: string) {
  const payload = registrationPayload({
    userId,
    deviceId: device.deviceId,
    encryptionFingerprint: await fingerprint(device.encryption.publicPem),
    signingFingerprint: await fingerprint(device.signing.publicPem),
  })
  return {
    encryptionKey: {
      algorithm: device.encryption.algorithm,
      publicKey: device.encryption.publicPem,
    },
    signingKey: { algorithm: device.signing.algorithm, publicKey: device.signing.publicPem },
    signature: await signWith(device, payload),
  }
}
