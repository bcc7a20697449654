import { io, type Socket } from 'socket.io-client'
import type { BenchUser } from '../lib/seed.js'

/** A message as a client saw it (live or in a `sync` answer). */
export interface SeenMessage {
  id: string
  roomId: string
  seq: number
  clientMessageId: string | null
}

/** Every arrival of one seq of a room: how many times, with which ids. */
export interface Arrivals {
  count: number
  ids: Set<string>
}

/** What a `send_message` ack carries. */
export type SendAnswer = { ok: true; data: SeenMessage } | { ok: false; error: { code: string } }

type SyncAnswer =
  | {
      ok: true
      data: {
        rooms: Record<
          string,
          | { ok: true; data: { messages: SeenMessage[]; hasMore: boolean; cursor: number } }
          | { ok: false; error: { code: string } }
        >
      }
    }
  | { ok: false; error: { code: string } }

function note(map: Map<string, Map<number, Arrivals>>, message: SeenMessage) {
  const room = map.get(message.roomId) ?? new Map<number, Arrivals>()
  map.set(message.roomId, room)
  const entry = room.get(message.seq) ?? { count: 0, ids: new Set<string>() }
  entry.count += 1
  entry.ids.add(message.id)
  room.set(message.seq, entry)
}

/**
 * One user's socket as a careful app runs it: it records every `new_message`
 * it receives live (each arrival counted, so duplicates show), and after
 * every reconnection, and once at the end, it asks `sync` for what follows
 * the highest seq it holds without a hole, as an app that knows seqs are
 * gap-free would. What it holds at the end is checked against the stored
 * rows; nothing here reads the rooms any other way.
 */
export class LoadClient {
  readonly socket: Socket
  readonly live = new Map<string, Map<number, Arrivals>>()
  readonly synced = new Map<string, Map<number, Arrivals>>()
  /** Intervals (Date.now ms) between a disconnection and the next `connected`. */
  readonly offline: { from: number; to?: number }[] = []
  /** Events about a room or organization this user is not in. */
  foreign = 0
  connects = 0
  /** `sync` calls that failed (a timeout under load, a node going down); the next one catches up. */
  syncFailures = 0
  /** Whether the last `sync` got every room's answer. */
  syncedOk = true
  /** Sends started and not yet settled (the sender caps them per client). */
  outstanding = 0
  #syncing: Promise<void> = Promise.resolve()

  constructor(
    readonly user: BenchUser,
    readonly rooms: string[],
    readonly nodeIndex: number,
    url: string
  ) {
    this.socket = io(url, {
      auth: { token: user.token },
      transports: ['websocket'],
      reconnectionDelay: 200,
      reconnectionDelayMax: 1000,
    })
    this.socket.on('new_message', (message: SeenMessage) => {
      if (!this.rooms.includes(message.roomId)) return void (this.foreign += 1)
      note(this.live, message)
    })
    this.socket.onAny((event: string, payload: { organizationId?: string; roomId?: string }) => {
      if (payload?.organizationId && payload.organizationId !== user.organizationId)
        this.foreign += 1
      if (event !== 'new_message' && payload?.roomId && !this.rooms.includes(payload.roomId))
        this.foreign += 1
    })
    this.socket.on('disconnect', () => this.offline.push({ from: Date.now() }))
    this.socket.on('connected', () => {
      this.connects += 1
      const open = this.offline.at(-1)
      if (open && open.to === undefined) open.to = Date.now()
      if (this.connects > 1) void this.sync()
    })
  }

  /** Resolves at the first `connected`. */
  ready() {
    return new Promise<void>((resolve) => {
      if (this.connects) return resolve()
      this.socket.once('connected', () => resolve())
    })
  }

  /** The highest seq of a room held (live or synced) with every seq below it. */
  contiguous(roomId: string) {
    let seq = 0
    while (this.live.get(roomId)?.has(seq + 1) || this.synced.get(roomId)?.has(seq + 1)) seq += 1
    return seq
  }

  /**
   * One send attempt: the ack, or null when the connection dropped before it
   * came (or none came within 20 s). A connected socket gets its ack, so a
   * client retries after a reconnection, not while the server is busy.
   */
  async send(roomId: string, clientMessageId: string): Promise<SendAnswer | null> {
    if (!this.socket.connected) {
      const back = await new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(false), 5000)
        this.socket.once('connected', () => {
          clearTimeout(timer)
          resolve(true)
        })
      })
      if (!back) return null
    }
    return new Promise((resolve) => {
      const dropped = () => resolve(null)
      this.socket.once('disconnect', dropped)
      this.socket
        .timeout(20_000)
        .emit(
          'send_message',
          { roomId, content: `load ${clientMessageId}`, clientMessageId },
          (error: Error | null, answer: SendAnswer) => {
            this.socket.off('disconnect', dropped)
            resolve(error ? null : answer)
          }
        )
    })
  }

  /** Runs one sync after any that is running (returns when it is done). */
  sync() {
    this.#syncing = this.#syncing.then(async () => {
      this.syncedOk = await this.#syncOnce()
      if (!this.syncedOk) this.syncFailures += 1
    })
    return this.#syncing
  }

  async #syncOnce(): Promise<boolean> {
    // In this run nothing is edited or deleted, so a room's change cursor is its seq.
    let cursors: Record<string, number> = {}
    for (const roomId of this.rooms) cursors[roomId] = this.contiguous(roomId)
    for (let page = 0; Object.keys(cursors).length && page < 1000; page++) {
      const answer = (await this.socket
        .timeout(10_000)
        .emitWithAck('sync', { rooms: cursors })
        .catch(() => null)) as SyncAnswer | null
      if (!answer?.ok) return false
      const next: Record<string, number> = {}
      for (const [roomId, result] of Object.entries(answer.data.rooms)) {
        if (!result.ok) return false
        for (const message of result.data.messages) note(this.synced, message)
        if (result.data.hasMore) next[roomId] = result.data.cursor
      }
      cursors = next
    }
    return true
  }
}
