import forge from 'node-forge'
import { constants, createHash, createPublicKey, verify, type KeyObject } from 'node:crypto'
import { AppException } from '#extensions/errors'
import {
  PSS_SALT_LENGTH,
  type EncryptionAlgorithm,
  type SigningAlgorithm,
} from '../../packages/client/src/e2e/device_keys.js'

/*
 * Public key validation of e2e-keys, with node-forge (PEM armour, DER
 * structure, RSA parameters) and node:crypto (key type, X25519/Ed25519, the
 * canonical SPKI bytes that are fingerprinted). Documented limits: RSA keys
 * 2048–8192 bits with the public exponent 65537 (what WebCrypto and every
 * mainstream library generate; small exponents invite padding attacks);
 * PEM ≤ 4096 characters.
 */

/** The only RSA public exponent accepted (F4). */
export const RSA_EXPONENT = 65537

/** Smallest RSA modulus accepted, in bits. */
export const MIN_RSA_BITS = 2048
const MAX_RSA_BITS = 8192

/** A checked public key: its normalized PEM, fingerprint and node key object. */
export interface CheckedKey<Algorithm extends string> {
  algorithm: Algorithm
  pem: string
  fingerprint: string
  keyObject: KeyObject
}

const NODE_TYPES: Record<EncryptionAlgorithm | SigningAlgorithm, string[]> = {
  'RSA-OAEP': ['rsa'],
  'RSA-PSS': ['rsa', 'rsa-pss'],
  'X25519': ['x25519'],
  'Ed25519': ['ed25519'],
}

function rejected(field: string, message: string): never {
  throw new AppException(message, { status: 422, code: 'E_VALIDATION_ERROR', field })
}

/** The single `PUBLIC KEY` block of a PEM text, as DER bytes (forge). */
function decodePem(field: string, pem: string): Buffer {
  let blocks: forge.pem.ObjectPEM[]
  try {
    blocks = forge.pem.decode(pem)
  } catch {
    rejected(field, 'The key is not valid PEM')
  }
  if (blocks.length !== 1 || blocks[0].type !== 'PUBLIC KEY' || blocks[0].procType) {
    rejected(field, 'The key must be one unencrypted PEM "PUBLIC KEY" block (SPKI)')
  }
  const der = blocks[0].body
  try {
    const asn1 = forge.asn1.fromDer(der, true)
    if (forge.asn1.toDer(asn1).getBytes() !== der) throw new Error('trailing or non-DER bytes')
  } catch {
    rejected(field, 'The key is not a well-formed DER structure')
  }
  return Buffer.from(der, 'binary')
}

/** RSA parameters read by forge; checked against what node:crypto sees. */
function checkRsa(field: string, der: Buffer, key: KeyObject) {
  const bits = key.asymmetricKeyDetails?.modulusLength ?? 0
  if (key.asymmetricKeyType === 'rsa') {
    const asn1 = forge.asn1.fromDer(der.toString('binary'))
    const parsed = forge.pki.publicKeyFromAsn1(asn1) as forge.pki.rsa.PublicKey
    if (parsed.n.bitLength() !== bits) rejected(field, 'The RSA key is inconsistent')
  }
  if (key.asymmetricKeyDetails?.publicExponent !== BigInt(RSA_EXPONENT)) {
    rejected(field, `The RSA public exponent must be ${RSA_EXPONENT}`)
  }
  if (bits < MIN_RSA_BITS) rejected(field, `RSA keys must have at least ${MIN_RSA_BITS} bits`)
  if (bits > MAX_RSA_BITS) rejected(field, `RSA keys must have at most ${MAX_RSA_BITS} bits`)
}

/**
 * Validates a PEM public key for its declared algorithm and fingerprints it
 * (sha256 of the SPKI DER). Private keys, certificates, garbage, short RSA
 * keys and keys of another type are 422 on `field`.
 */
export function checkPublicKey<Algorithm extends EncryptionAlgorithm | SigningAlgorithm>(
  field: string,
  algorithm: Algorithm,
  pem: string
): CheckedKey<Algorithm> {
  const der = decodePem(field, pem)
  let keyObject: KeyObject
  try {
    keyObject = createPublicKey({ key: der, format: 'der', type: 'spki' })
  } catch {
    rejected(field, 'The key is not a valid SubjectPublicKeyInfo public key')
  }
  if (!NODE_TYPES[algorithm].includes(keyObject.asymmetricKeyType ?? '')) {
    rejected(field, `The key is not a ${algorithm} key`)
  }
  if (algorithm.startsWith('RSA')) checkRsa(field, der, keyObject)
  const spki = keyObject.export({ type: 'spki', format: 'der' })
  return {
    algorithm,
    pem: keyObject.export({ type: 'spki', format: 'pem' }).toString(),
    fingerprint: createHash('sha256').update(spki).digest('hex'),
    keyObject,
  }
}

/** Verifies a base64 signature by a device signing key (Ed25519, or RSA-PSS/SHA-256). */
export function verifyDeviceSignature(
  algorithm: SigningAlgorithm,
  key: KeyObject | string,
  data: string,
  signature: string
): boolean {
  const publicKey = typeof key === 'string' ? createPublicKey(key) : key
  const bytes = Buffer.from(data, 'utf8')
  const signed = Buffer.from(signature, 'base64')
  try {
    if (algorithm === 'Ed25519') return verify(null, bytes, publicKey, signed)
    return verify(
      'sha256',
      bytes,
      { key: publicKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: PSS_SALT_LENGTH },
      signed
    )
  } catch {
    return false
  }
}
