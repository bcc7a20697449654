import {
  createCipheriv,
  createDecipheriv,
  createHash,
  randomBytes,
  type KeyObject,
} from 'node:crypto'
import { Exception } from '@adonisjs/core/exceptions'
import { AppException } from '#exceptions/app_exception'
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
        "Create a first entry with node -e \"console.log('v1:' + require('crypto').randomBytes(32).toString('base64'))\"; " +
        'add a version to a valid keyring with "chatctl key rotate --generate".'
    )
  }
}

/**
 * A room key is wrapped under a master key version this node does not hold:
 * `chatctl key rotate` ran (or a newer node created the key) before this
 * node was restarted with the new ENCRYPTION_KEYS. The request answers 503
 * with the fix, `/health` reports the version, and the node keeps serving
 * every room whose key it can open.
 */
export class KeyringStaleError extends AppException {
  constructor(readonly version: number) {
    super(
      `This server node cannot open the room's key: master key v${version} is not in its ${KEYRING_VARIABLE}. ` +
        `Restart the node with the current ${KEYRING_VARIABLE} (the value "chatctl key rotate --generate" wrote), then retry.`,
      { status: 503, code: 'E_KEYRING_STALE' }
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

  /**
   * Wraps a room key under `version` (the current one by default, or when
   * this keyring lacks `version`), bound to its room.
   */
  wrap(roomKey: Buffer, roomId: string, version = this.currentVersion) {
    const masterVersion = this.#keys.has(version) ? version : this.currentVersion
    const key = this.#keys.get(masterVersion)!
    return { wrapped: seal(key, roomId, roomKey), masterVersion }
  }

  /**
   * Opens a room key wrapped under `version`; fails if the room id does not
   * match. A version this keyring lacks is remembered for `/health` and
   * answered with KeyringStaleError (503, naming the restart).
   */
  unwrap(wrapped: string, version: number, roomId: string) {
    const key = this.#keys.get(version)
    if (!key) {
      missingMet.add(version)
      throw new KeyringStaleError(version)
    }
    return open(key, roomId, wrapped)
  }

  /**
   * One fingerprint per version: sha256 of a domain tag and the 32 key
   * bytes, first 16 hex digits. Two nodes with the same fingerprint for a
   * version hold the same key; the key itself cannot be recovered from it.
   */
  versionFingerprints(): Record<string, string> {
    this.#fingerprints ??= Object.fromEntries(
      this.versions.map((version) => [
        String(version),
        createHash('sha256')
          .update('parley-master-key:v1\0')
          .update(this.#keys.get(version)!)
          .digest('hex')
          .slice(0, 16),
      ])
    )
    return this.#fingerprints
  }

  /** The fingerprint of the whole keyring: equal on two nodes exactly when their keyrings are. */
  get fingerprint() {
    const entries = Object.entries(this.versionFingerprints()).map(([v, fp]) => `v${v}:${fp}`)
    return createHash('sha256').update(entries.join(',')).digest('hex').slice(0, 16)
  }

  #fingerprints?: Record<string, string>

  /** Versions, the current one and fingerprints; never key material. */
  status() {
    return {
      currentVersion: this.currentVersion,
      versions: this.versions,
      fingerprint: this.fingerprint,
    }
  }
}

/** The newest version every live node holds (set by the heartbeat), or null without one. */
let sharedVersion: number | null = null

/**
 * The master version new room keys are wrapped under: the newest version
 * every live node holds with the same key, as the heartbeat last saw it, so
 * a node restarted early with a new ENCRYPTION_KEYS does not create keys
 * that the nodes not yet restarted cannot open. Without a heartbeat (chatctl,
 * tests) it is the current version; `key rotate` always moves to the current one.
 */
export function wrapVersion() {
  const ring = keyring()
  return sharedVersion !== null && ring.has(sharedVersion) ? sharedVersion : ring.currentVersion
}

/** Records the newest version every live node holds (the heartbeat), or null. */
export function setSharedVersion(version: number | null) {
  sharedVersion = version
}

/** Versions this process was asked to open but does not hold (since start or the last reload). */
const missingMet = new Set<number>()

/** Master key versions this node met in room keys but does not hold, ascending. */
export function missingVersionsMet() {
  return [...missingMet].sort((a, b) => a - b)
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
  missingMet.clear()
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

/** IVs drawn from the CSPRNG at a time: one call per 256 seals (a send seals its body). */
const IV_POOL_BYTES = 256 * IV_BYTES

let ivPool = Buffer.alloc(0)
let ivOffset = 0

/**
 * A random 96-bit IV, never handed out twice: cut from a pool of random
 * bytes refilled when spent. An IV is stored beside its ciphertext, so
 * holding the next ones in memory reveals nothing a reader of the
 * database does not get; what a per-seal `randomBytes(12)` cost was the
 * call (~2% of a send's node CPU), not the randomness.
 */
function freshIv() {
  if (ivOffset + IV_BYTES > ivPool.length) {
    ivPool = randomBytes(IV_POOL_BYTES)
    ivOffset = 0
  }
  const iv = ivPool.subarray(ivOffset, ivOffset + IV_BYTES)
  ivOffset += IV_BYTES
  return iv
}

/**
 * AES-256-GCM with associated data: `<iv b64>:<tag b64>:<ciphertext b64>`.
 * The associated data binds a ciphertext to its owner (room, key id), so a
 * value copied to another row fails to open.
 */
export function seal(key: Buffer | KeyObject, aad: string, plaintext: Buffer) {
  const iv = freshIv()
  const cipher = createCipheriv('aes-256-gcm', key, iv)
  cipher.setAAD(Buffer.from(aad, 'utf8'))
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()])
  return [iv, cipher.getAuthTag(), body].map((part) => part.toString('base64')).join(':')
}

/** Opens what `seal` produced; any alteration or wrong key/AAD is a DecryptionError. */
export function open(key: Buffer | KeyObject, aad: string, sealed: string) {
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
