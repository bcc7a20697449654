import { createSecretKey, randomBytes, randomUUID, type KeyObject } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract, TransactionClientContract } from '@adonisjs/lucid/types/database'
import { NotFoundException } from '#exceptions/app_exception'
import {
  DecryptionError,
  keyring,
  onKeyringReload,
  open,
  seal,
  wrapVersion,
} from '#services/keyring'

/** Envelope format tag of stored bodies: `v1:<iv b64>:<tag b64>:<ciphertext b64>`. */
const FORMAT = 'v1'
const CACHE_LIMIT = 1000
const CACHE_TTL_MS = 10 * 60 * 1000

/** A room key row as the cipher reads it. */
export type RoomKeyRow = {
  id: string
  room_id: string
  wrapped_key: string | null
  master_version: number
}

/** How much plaintext the opened-bodies memo may hold, in characters (ids included). */
const OPENED_LIMIT = 4_000_000

/**
 * Whoever else keeps what was opened with a cached key (the history page
 * memo of records), told whenever the key leaves the cache (all keys when
 * none is named), so no plaintext outlives the cached key that opened it.
 */
const plaintextHolders = new Set<(keyId?: string) => void>()

/**
 * The plaintexts of bodies this process opened recently, for history pages,
 * which read the same recent messages again and again: AES-GCM costs ~5 µs
 * per body, a lookup well under one. An entry is keyed by the key id and the
 * ciphertext itself, so an edit or a re-encryption (a new ciphertext) is never
 * answered from an old one, and it is answered only while the very key Buffer
 * that opened it is the cached key (`KeyCache`): forgetting, expiring or
 * evicting a key drops its bodies here too, so a destroyed key's plaintexts do
 * not outlive its cached key. Bounded by total size, oldest first out.
 */
class OpenedBodies {
  #entries = new Map<string, { keyId: string; key: Buffer; plaintext: string; size: number }>()
  #size = 0

  get(keyId: string, key: Buffer, ciphertext: string) {
    const entry = this.#entries.get(`${keyId}:${ciphertext}`)
    return entry && entry.key === key ? entry.plaintext : undefined
  }

  set(keyId: string, key: Buffer, ciphertext: string, plaintext: string) {
    const id = `${keyId}:${ciphertext}`
    const size = id.length + plaintext.length
    if (size > OPENED_LIMIT / 100) return
    this.#remove(id)
    this.#entries.set(id, { keyId, key, plaintext, size })
    this.#size += size
    while (this.#size > OPENED_LIMIT) this.#remove(this.#entries.keys().next().value!)
  }

  /** Drops the bodies opened with these keys (all when none are named), here and in every holder. */
  forget(keyId?: string) {
    for (const drop of plaintextHolders) drop(keyId)
    if (keyId === undefined) {
      this.#entries.clear()
      this.#size = 0
      return
    }
    for (const [id, entry] of this.#entries) if (entry.keyId === keyId) this.#remove(id)
  }

  #remove(id: string) {
    const entry = this.#entries.get(id)
    if (!entry) return
    this.#entries.delete(id)
    this.#size -= entry.size
  }

  get size() {
    return this.#entries.size
  }
}

const opened = new OpenedBodies()

/**
 * Bounded LRU of unwrapped room keys with a time limit, so reading a page of
 * 50 messages unwraps their key once, and a key destroyed by another process
 * does not linger in this one's memory for long.
 */
class KeyCache {
  #entries = new Map<string, { key: Buffer; expires: number }>()

  get(id: string) {
    const entry = this.#entries.get(id)
    if (!entry) return undefined
    this.#entries.delete(id)
    if (entry.expires < Date.now()) {
      opened.forget(id)
      return undefined
    }
    this.#entries.set(id, entry)
    return entry.key
  }

  set(id: string, key: Buffer) {
    if (this.#entries.get(id)?.key !== key) opened.forget(id)
    this.#entries.delete(id)
    this.#entries.set(id, { key, expires: Date.now() + CACHE_TTL_MS })
    if (this.#entries.size > CACHE_LIMIT) this.delete(this.#entries.keys().next().value!)
  }

  delete(id: string) {
    this.#entries.delete(id)
    opened.forget(id)
  }

  clear() {
    this.#entries.clear()
    opened.forget()
  }

  get size() {
    return this.#entries.size
  }
}

const cache = new KeyCache()

/**
 * The `KeyObject` of each unwrapped room key, made once: AES-GCM with a raw
 * key Buffer imports the key again on every call (several times the cost of
 * opening a short body). Keyed by the very Buffer the cache holds, so an
 * entry lives exactly as long as some holder of that key does.
 */
const keyObjects = new WeakMap<Buffer, KeyObject>()

function keyObjectOf(key: Buffer) {
  let object = keyObjects.get(key)
  if (!object) {
    object = createSecretKey(key)
    keyObjects.set(key, object)
  }
  return object
}
const loading = new Map<string, Promise<Buffer>>()
onKeyringReload(() => cache.clear())

const KEY_COLUMNS = 'id, room_id, wrapped_key, master_version'

/**
 * Encryption at rest for message bodies and edit history (DESIGN.md §5):
 * AES-256-GCM under a per-room data key, which is stored wrapped under the
 * current master key of the keyring. The message-key id is the associated
 * data of every body, so a ciphertext moved to another key fails to open.
 * Pass the writing transaction to every call made inside one: the active key
 * is read `FOR KEY SHARE` there, which makes a concurrent re-encryption wait
 * until the row written with the old key is committed and visible to it.
 */
export default class MessageCipher {
  /**
   * Creates the room's active data key inside the room's creation
   * transaction and returns its id. Idempotent: an existing active key wins.
   */
  static async createRoomKey(
    roomId: string,
    trx: TransactionClientContract,
    organizationId?: string
  ): Promise<string> {
    const { row } = await this.insertKey(trx, roomId, organizationId)
    return row.id
  }

  /** Encrypts a body under the room's active key (created on first use if missing). */
  static async encrypt(
    roomId: string,
    plaintext: string,
    trx?: TransactionClientContract
  ): Promise<{ keyId: string; ciphertext: string }> {
    const { id, key } = await this.currentKey(trx ?? db.connection(), roomId, Boolean(trx))
    return { keyId: id, ciphertext: this.sealBody(id, key, plaintext) }
  }

  /** Decrypts a stored body; fails on tampering, a wrong key id or a destroyed key. */
  static async decrypt(
    keyId: string,
    ciphertext: string,
    trx?: TransactionClientContract
  ): Promise<string> {
    return this.openBody(keyId, await this.keyById(keyId, trx), ciphertext)
  }

  /** Drops unwrapped keys from this process's cache (after retiring or destroying them). */
  static forget(keyIds?: string[]) {
    if (!keyIds) return cache.clear()
    keyIds.forEach((id) => cache.delete(id))
  }

  /**
   * Registers a keeper of plaintexts opened with cached keys: `drop` is
   * called with a key's id when that key leaves the cache (forgotten,
   * replaced, expired or evicted), and with none when every key does.
   */
  static holdPlaintexts(drop: (keyId?: string) => void) {
    plaintextHolders.add(drop)
  }

  /** How many unwrapped keys this process holds (tests and diagnostics). */
  static get cachedKeys() {
    return cache.size
  }

  /** Seals a body under a room key; `keyId` is the associated data. */
  static sealBody(keyId: string, key: Buffer, plaintext: string) {
    return `${FORMAT}:${seal(keyObjectOf(key), keyId, Buffer.from(plaintext, 'utf8'))}`
  }

  /** Opens what `sealBody` produced. */
  static openBody(keyId: string, key: Buffer, ciphertext: string) {
    if (!ciphertext.startsWith(`${FORMAT}:`)) throw new DecryptionError('Unknown body format')
    return open(keyObjectOf(key), keyId, ciphertext.slice(FORMAT.length + 1)).toString('utf8')
  }

  /**
   * `openBody` for the history read path, through the memo of recently
   * opened bodies (`OpenedBodies`). `key` must be the cached key of `keyId`
   * (`keyById`), so the memo lives no longer than the cached key does.
   */
  static openRecentBody(keyId: string, key: Buffer, ciphertext: string) {
    const known = opened.get(keyId, key, ciphertext)
    if (known !== undefined) return known
    const plaintext = this.openBody(keyId, key, ciphertext)
    if (cache.get(keyId) === key) opened.set(keyId, key, ciphertext, plaintext)
    return plaintext
  }

  /** How many opened bodies this process remembers (tests and diagnostics). */
  static get openedBodies() {
    return opened.size
  }

  /**
   * Inserts a fresh active key for the room, wrapped under the newest master
   * version every live node holds (`wrapVersion`). When the room already has
   * one, that one is returned instead.
   */
  static async insertKey(client: QueryClientContract, roomId: string, organizationId?: string) {
    const orgId = organizationId ?? (await this.roomOrganization(client, roomId))
    const id = randomUUID()
    const key = randomBytes(32)
    const { wrapped, masterVersion } = keyring().wrap(key, roomId, wrapVersion())
    const inserted = await client.rawQuery(
      `INSERT INTO room_keys (id, organization_id, room_id, wrapped_key, master_version, status, created_at)
       VALUES (?, ?, ?, ?, ?, 'active', clock_timestamp())
       ON CONFLICT (room_id) WHERE status = 'active' DO NOTHING
       RETURNING ${KEY_COLUMNS}`,
      [id, orgId, roomId, wrapped, masterVersion]
    )
    if (inserted.rows.length) {
      cache.set(id, key)
      return { row: inserted.rows[0] as RoomKeyRow, key }
    }
    const existing = await this.activeKey(client, roomId, client.isTransaction)
    if (!existing) throw new DecryptionError(`Room ${roomId} has no usable key`)
    return { row: existing, key: await this.keyFor(existing) }
  }

  /**
   * The room's active key id and material, created if the room has none.
   * A second read covers a retirement committed while we waited for its lock.
   */
  static async currentKey(client: QueryClientContract, roomId: string, lock: boolean) {
    const row =
      (await this.activeKey(client, roomId, lock)) ?? (await this.activeKey(client, roomId, lock))
    if (row) return { id: row.id, key: await this.keyFor(row) }
    const created = await this.insertKey(client, roomId)
    return { id: created.row.id, key: created.key }
  }

  /**
   * The active keys of several rooms in one query, locked FOR KEY SHARE in
   * the writing transaction (as `currentKey` does); a room without one gets
   * it created.
   */
  static async activeKeys(trx: TransactionClientContract, roomIds: string[]) {
    const result = await trx.rawQuery(
      `SELECT ${KEY_COLUMNS} FROM room_keys WHERE room_id = ANY(?::uuid[]) AND status = 'active'
       FOR KEY SHARE`,
      [roomIds]
    )
    const keys = new Map<string, { id: string; key: Buffer }>()
    for (const row of result.rows as RoomKeyRow[]) {
      keys.set(row.room_id, { id: row.id, key: await this.keyFor(row) })
    }
    for (const roomId of roomIds) {
      if (!keys.has(roomId)) keys.set(roomId, await this.currentKey(trx, roomId, true))
    }
    return keys
  }

  /** The unwrapped key of a row, from the cache or unwrapped once. */
  static async keyFor(row: RoomKeyRow) {
    const cached = cache.get(row.id)
    if (cached) return cached
    if (!row.wrapped_key) throw new DecryptionError(`Room key ${row.id} was destroyed`)
    const key = keyring().unwrap(row.wrapped_key, row.master_version, row.room_id)
    cache.set(row.id, key)
    return key
  }

  /**
   * The unwrapped key by id. Concurrent misses outside a transaction share one
   * query; inside one, the query runs on `trx` (PGlite serializes sessions).
   */
  static async keyById(keyId: string, trx?: TransactionClientContract): Promise<Buffer> {
    const cached = cache.get(keyId)
    if (cached) return cached
    const load = async () => {
      const row = await (trx ?? db.connection())
        .from('room_keys')
        .where('id', keyId)
        .select('id', 'room_id', 'wrapped_key', 'master_version')
        .first()
      if (!row) throw new DecryptionError(`Room key ${keyId} does not exist`)
      return this.keyFor(row)
    }
    if (trx) return load()
    const pending = loading.get(keyId) ?? load()
    loading.set(keyId, pending)
    try {
      return await pending
    } finally {
      loading.delete(keyId)
    }
  }

  /**
   * The room's active key row. Inside a transaction it is locked FOR KEY
   * SHARE: a rewrap (no-key update) proceeds, a retirement waits for us.
   */
  static async activeKey(client: QueryClientContract, roomId: string, lock: boolean) {
    const result = await client.rawQuery(
      `SELECT ${KEY_COLUMNS} FROM room_keys WHERE room_id = ? AND status = 'active'
       ${lock ? 'FOR KEY SHARE' : ''}`,
      [roomId]
    )
    return (result.rows[0] as RoomKeyRow | undefined) ?? null
  }

  private static async roomOrganization(client: QueryClientContract, roomId: string) {
    const room = await client.from('rooms').where('id', roomId).select('organization_id').first()
    if (!room) throw new NotFoundException('Room not found')
    return room.organization_id as string
  }
}

export { MessageCipher }
