import { io, type Socket } from 'socket.io-client'

/** One connected bench socket and what it measures. */
export interface BenchSocket {
  userId: string
  socket: Socket
}

/** Counts deliveries and send → deliver latencies while `recording` is on. */
export class Recorder {
  recording = false
  delivered = 0
  latencies: number[] = []
  /** Messages delivered to a socket of another organization or outside the socket's rooms. */
  foreign = 0

  reset() {
    this.delivered = 0
    this.latencies = []
  }

  /**
   * `new_message` handler: content is `t:<sent at>:<pad>`, the send time in
   * epoch milliseconds with sub-millisecond precision (`now()`), comparable
   * between the bench's client processes.
   */
  onMessage(userId: string, message: { senderId: string; content: string | null }) {
    if (!this.recording || message.senderId === userId) return
    this.delivered += 1
    const sentAt = Number(message.content?.split(':')[1])
    if (Number.isFinite(sentAt)) this.latencies.push(now() - sentAt)
  }
}

/**
 * Opens sockets (websocket transport, no reconnection), `concurrency` at a
 * time, and waits for each one's `connected` event, so every socket is in
 * its rooms before the load starts.
 */
export async function connectAll(
  url: string,
  specs: { userId: string; auth: Record<string, unknown> }[],
  recorder: Recorder,
  concurrency = 50
): Promise<BenchSocket[]> {
  const sockets: BenchSocket[] = new Array(specs.length)
  let next = 0
  const worker = async () => {
    while (next < specs.length) {
      const i = next++
      const spec = specs[i]
      const socket = io(url, {
        auth: spec.auth,
        transports: ['websocket'],
        reconnection: false,
        forceNew: true,
        timeout: 60_000,
      })
      socket.on('new_message', (message) => recorder.onMessage(spec.userId, message))
      await new Promise<void>((resolve, reject) => {
        socket.once('connected', () => resolve())
        socket.once('connect_error', (error) => reject(new Error(`connect: ${error.message}`)))
      })
      sockets[i] = { userId: spec.userId, socket }
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker))
  return sockets
}

/** Closes sockets and waits a moment for the server to see them go. */
export async function closeAll(sockets: BenchSocket[]) {
  for (const entry of sockets) entry.socket.disconnect()
  await sleep(300)
}

/** Epoch milliseconds at high resolution: the same clock in every process of the bench. */
export function now() {
  return performance.timeOrigin + performance.now()
}

export function sleep(ms: number) {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

/** A sender: a socket and the room it sends into. */
export interface Sender {
  socket: Socket
  roomId: string
}

let counter = 0
const PAD = 'x'.repeat(40)

/** One acknowledged send; false when the ack is an error or does not come within 30 s. */
export function sendOnce(sender: Sender): Promise<boolean> {
  const content = `t:${now()}:${PAD}`
  const clientMessageId = crypto.randomUUID()
  counter += 1
  return new Promise((resolve) => {
    sender.socket
      .timeout(30_000)
      .emit(
        'send_message',
        { roomId: sender.roomId, content, clientMessageId },
        (error: unknown, response: { ok: boolean; error?: { code: string } }) => {
          if (!error && response?.ok) return resolve(true)
          lastError = error ? String(error) : (response?.error?.code ?? 'unknown')
          resolve(false)
        }
      )
  })
}

/** The last failure an ack reported (shown when a run had errors). */
export let lastError = ''

/** Outcome of a load phase. */
export interface LoadResult {
  acked: number
  failed: number
  seconds: number
}

/**
 * Closed loop: every sender keeps `inflight` sends outstanding until the
 * time is up. Its ack rate is the server's maximum at that concurrency.
 */
export async function closedLoop(senders: Sender[], ms: number, inflight = 1): Promise<LoadResult> {
  const result = { acked: 0, failed: 0, seconds: ms / 1000 }
  const end = performance.now() + ms
  const loop = async (sender: Sender) => {
    while (performance.now() < end) {
      if (await sendOnce(sender)) result.acked += 1
      else result.failed += 1
    }
  }
  const started = performance.now()
  await Promise.all(
    senders.flatMap((sender) => Array.from({ length: inflight }, () => loop(sender)))
  )
  result.seconds = (performance.now() - started) / 1000
  return result
}

/**
 * Open loop: sends at `rate` messages/s spread over the senders in turn,
 * whatever the acks do (the latency a client sees at that offered load).
 */
export async function openLoop(senders: Sender[], rate: number, ms: number): Promise<LoadResult> {
  const result = { acked: 0, failed: 0, seconds: ms / 1000 }
  const pending: Promise<void>[] = []
  const started = performance.now()
  let sent = 0
  let turn = 0
  while (performance.now() - started < ms) {
    const due = Math.floor(((performance.now() - started) / 1000) * rate)
    while (sent < due) {
      const sender = senders[turn++ % senders.length]
      sent += 1
      pending.push(
        sendOnce(sender).then((ok) => {
          if (ok) result.acked += 1
          else result.failed += 1
        })
      )
    }
    await sleep(2)
  }
  await Promise.all(pending)
  return result
}
