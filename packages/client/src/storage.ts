/*
 * Where the SDK keeps what must survive a restart: the sync cursors of each
 * room (per user and organization). Any key-value store fits: localStorage
 * in a browser, a file or a database on a server, AsyncStorage (wrapped
 * synchronously or preloaded) in React Native.
 */

export interface KeyValueStorage {
  getItem(key: string): string | null
  setItem(key: string, value: string): void
  removeItem(key: string): void
}

/** A store kept in memory only (cursors then last as long as the process). */
export function memoryStorage(): KeyValueStorage & { dump(): Record<string, string> } {
  const items = new Map<string, string>()
  return {
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key),
    dump: () => Object.fromEntries(items),
  }
}

/**
 * The per-room sync cursors of one user in one organization: the room's
 * change counter (`versionSeq`) up to which this client has everything.
 * `sync` and `GET …/messages?after=` return every change after it.
 */
export class CursorStore {
  #cursors: Record<string, number> = {}
  #key: string | null = null
  /** The room list's change counter (`GET /chat/rooms?after=`, `sync`'s `roomsAfter`). */
  #roomList: number | undefined

  constructor(private storage: KeyValueStorage) {}

  /** Switches to the cursors of a user in an organization (loaded from storage). */
  use(userId: string, organizationId: string) {
    const key = `parley.cursors.${userId}.${organizationId}`
    // Rooms tracked before the user was known belong to this user and organization.
    const unsaved = this.#key === null ? this.#cursors : {}
    const unsavedList = this.#key === null ? this.#roomList : undefined
    this.#key = key
    try {
      const parsed = JSON.parse(this.storage.getItem(key) ?? '{}')
      this.#cursors = parsed && typeof parsed === 'object' ? parsed : {}
    } catch {
      this.#cursors = {}
    }
    const list = Number(this.storage.getItem(`${key}.roomList`) ?? Number.NaN)
    this.#roomList = Number.isInteger(list) ? list : undefined
    for (const [roomId, cursor] of Object.entries(unsaved)) this.advance(roomId, cursor)
    if (unsavedList !== undefined) this.advanceRoomList(unsavedList)
  }

  /** The room list's cursor, when the app has read the list. */
  roomList(): number | undefined {
    return this.#roomList
  }

  /** Moves the room list's cursor forward and persists it. */
  advanceRoomList(cursor: number) {
    if (this.#roomList !== undefined && cursor <= this.#roomList) return
    this.#roomList = cursor
    if (this.#key) this.storage.setItem(`${this.#key}.roomList`, String(cursor))
  }

  get(roomId: string): number | undefined {
    return this.#cursors[roomId]
  }

  /** Every tracked room and its cursor. */
  all(): Record<string, number> {
    return { ...this.#cursors }
  }

  /** Moves a room's cursor forward (never back) and persists it. */
  advance(roomId: string, cursor: number) {
    if (!(cursor >= (this.#cursors[roomId] ?? -1))) return
    if (this.#cursors[roomId] === cursor) return
    this.#cursors[roomId] = cursor
    this.#save()
  }

  /** Stops tracking a room (left, removed). */
  forget(roomId: string) {
    if (!(roomId in this.#cursors)) return
    delete this.#cursors[roomId]
    this.#save()
  }

  #save() {
    if (this.#key) this.storage.setItem(this.#key, JSON.stringify(this.#cursors))
  }
}
