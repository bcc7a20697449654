import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import { Exception } from '@adonisjs/core/exceptions'
import env from '#start/env'

/** The variable holding the master keys, named in every configuration error. */
export const KEYRING_VARIABLE = 'ENCRYPTION_KEYS'

const EXPECTED_FORMAT =
  'comma-separated "v<N>:<base64 of 32 bytes>" entries, e.g. "v1:<44 base64 chars>,v2:<44 base64 chars>"'
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/
const IV_BYTES = 12
const TAG_BYTES = 16

/**
 * ENCRYPTION_KEYS is missing or malformed. Raised at first use so a bad deploy
 * fails loudly with the variable's name and the expected format, never with
 * a cryptic OpenSSL error on the first message.
 */
export class KeyringConfigError extends Exception {
  static code = 'E_ENCRYPTION_KEYS_INVALID'
  static status = 500

  constructor(reason: string) {
    super(
      `${KEYRING_VARIABLE} is invalid: ${reason}. Expected ${EXPECTED_FORMAT}. ` +
        'Generate an entry with "chatctl key rotate".'
    )
  }
}

/**
 * Authenticated decryption failed: wrong key, wrong associated data, or the
 * stored bytes were altered. Never carries key material or plaintext.
 */
export class DecryptionError extends Exception {
  static code = 'E_DECRYPTION_FAILED'
  static status = 500
}

/**
 * The versioned master keys of DESIGN.md §5. The highest version wraps new
 * room keys; older versions stay so room keys wrapped under them still open
 * until `rewrap` moves them to the current one.
 */
export class Keyring {
  readonly #keys: Map<number, Buffer>
  /** The version that wraps every new or rewrapped room key. */
  readonly currentVersion: number

  constructor(keys: Map<number, Buffer>) {
    this.#keys = keys
    this.currentVersion = Math.max(...keys.keys())
  }

  /** Every configured version, ascending. */
  get versions() {
    return [...this.#keys.keys()].sort((a, b) => a - b)
  }

  /** Whether room keys wrapped under `version` can still be opened. */
  has(version: number) {
    return this.#keys.has(version)
  }

  /** Wraps a room key under the current master key, bound to its room. */
  wrap(roomKey: Buffer, roomId: string) {
    const key = this.#keys.get(this.currentVersion)!
    return { wrapped: seal(key, roomId, roomKey), masterVersion: this.currentVersion }
  }

  /** Opens a room key wrapped under `version`; fails if the room id does not match. */
  unwrap(wrapped: string, version: number, roomId: string) {
    const key = this.#keys.get(version)
    if (!key) {
      throw new KeyringConfigError(
        `master key v${version} is needed to open a room key but is not configured`
      )
    }
    return open(key, roomId, wrapped)
  }

  /** Versions and the current one; never key material. */
  status() {
    return { currentVersion: this.currentVersion, versions: this.versions }
  }
}

/**
 * Parses an ENCRYPTION_KEYS value. Errors name the entry by position and
 * version only, so key material never reaches a log.
 */
export function parseKeyring(value: string | undefined | null): Keyring {
  if (!value || !value.trim()) throw new KeyringConfigError('it is empty or not set')
  const keys = new Map<number, Buffer>()
  value.split(',').forEach((raw, index) => {
    const entry = raw.trim()
    const where = `entry ${index + 1}`
    const separator = entry.indexOf(':')
    if (separator < 0) throw new KeyringConfigError(`${where} has no "v<N>:" prefix`)
    const label = entry.slice(0, separator)
    if (!/^v[1-9]\d{0,8}$/.test(label)) {
      throw new KeyringConfigError(`${where} has version "${label}", not v<positive integer>`)
    }
    const version = Number(label.slice(1))
    if (keys.has(version)) throw new KeyringConfigError(`version ${label} appears twice`)
    const material = entry.slice(separator + 1)
    const bytes = BASE64.test(material) ? Buffer.from(material, 'base64') : null
    if (!bytes || bytes.length !== 32) {
      throw new KeyringConfigError(`${where} (${label}) is not the base64 of exactly 32 bytes`)
    }
    keys.set(version, bytes)
  })
  return new Keyring(keys)
}

/** A fresh `v<N>:<base64>` entry with 32 random bytes (v1 for a first keyring). */
export function generateKeyringEntry(version = 1) {
  if (!Number.isInteger(version) || version < 1) {
    throw new KeyringConfigError(`cannot generate version v${version}`)
  }
  return `v${version}:${randomBytes(32).toString('base64')}`
}

/**
 * The first step of `chatctl key rotate`: the keyring lives in env, so the
 * operator replaces ENCRYPTION_KEYS with `value` (old entries kept, one new
 * version appended) on every node, then runs the rewrap.
 */
export function addKeyringVersion(current: string) {
  const version = parseKeyring(current).currentVersion + 1
  const entry = generateKeyringEntry(version)
  return { version, entry, value: `${current.trim()},${entry}` }
}

let loaded: Keyring | undefined
const listeners = new Set<() => void>()

/** The process keyring, parsed from ENCRYPTION_KEYS at first use. */
export function keyring(): Keyring {
  loaded ??= parseKeyring(env.get(KEYRING_VARIABLE)?.release())
  return loaded
}

/**
 * Replaces the process keyring with one parsed from `value` (tests, and a
 * reload after the operator changed the variable). Caches built on the old
 * keyring are told to drop what they hold.
 */
export function reloadKeyring(value?: string) {
  loaded = parseKeyring(value ?? env.get(KEYRING_VARIABLE)?.release())
  listeners.forEach((listener) => listener())
  return loaded
}

/** Registers a callback run after every `reloadKeyring`. */
export function onKeyringReload(listener: () => void) {
  listeners.add(listener)
}

/** Keyring versions, for `chatctl key status` and health output. */
export function status() {
  return keyring().status()
}

/**
 * AES-256-GCM with associated data: `<iv b64>:<tag b64>:<ciphertext b64>`.
 * The associated data binds a ciphertext to its owner (room, key id), so a
 * value copied to another row fails to open.
 */
export function seal(key: Buffer, aad: string, plaintext: Buffer) {
  const iv = randomBytes(IV_BYTES)
  const cipher = createCipheriv('aes-256-gcm', key, iv)
  cipher.setAAD(Buffer.from(aad, 'utf8'))
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()])
  return [iv, cipher.getAuthTag(), body].map((part) => part.toString('base64')).join(':')
}

/** Opens what `seal` produced; any alteration or wrong key/AAD is a DecryptionError. */
export function open(key: Buffer, aad: string, sealed: string) {
  const [iv, tag, body, extra] = sealed.split(':').map((part) => Buffer.from(part, 'base64'))
  if (!body || extra || iv.length !== IV_BYTES || tag.length !== TAG_BYTES) {
    throw new DecryptionError('Malformed ciphertext')
  }
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES })
    decipher.setAAD(Buffer.from(aad, 'utf8'))
    decipher.setAuthTag(tag)
    return Buffer.concat([decipher.update(body), decipher.final()])
  } catch {
    throw new DecryptionError('Ciphertext failed authentication')
  }
}
