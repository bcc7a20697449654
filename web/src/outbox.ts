import { ParleyError, type SendPlainMessage } from '@parley/client'
import { parley } from './api'
import { uuid } from './chat'
import { applyMessage, changed, outgoingIn, saveOutbox, state, type Outgoing } from './store'

/*
 * The send queue, on @parley/client's idempotent sends. A message leaves the
 * composer at once: it joins its room's queue with a fresh
 * `clientMessageId`, shows as pending, and is sent in order, one at a time
 * per room. The SDK retries a failure that may be transient with backoff
 * (the same `clientMessageId`, so a send that reached the server is not
 * stored twice; a reconnection cuts the wait short); after its last
 * attempt, or when the server refuses it, the message is marked failed with
 * a retry button. The queue is saved locally, so a reload resends what was
 * pending.
 */

/** Waits between attempts: after the last one the message is marked failed. */
const BACKOFF_MS = [500, 1000, 2000]

const running = new Set<string>()

/**
 * Queues a message for a room and starts sending it. A reply with
 * `threadOnly` stays in its thread; the flag is kept with the item, so every
 * retry sends the same request (the server's idempotency fingerprint covers it).
 */
export function enqueue(
  roomId: string,
  content: string,
  replyToId: string | null = null,
  threadOnly = false
) {
  const item: Outgoing = {
    clientMessageId: uuid(),
    organizationId: state.org!.id,
    roomId,
    content,
    replyToId,
    ...(replyToId && threadOnly ? { threadOnly: true } : {}),
    createdAt: new Date().toISOString(),
    status: 'sending',
    error: null,
  }
  state.outbox.set(item.clientMessageId, item)
  saveOutbox()
  changed('room', roomId)
  void pump(roomId)
  return item
}

/** Sends a failed message again (same clientMessageId). */
export function retry(clientMessageId: string) {
  const item = state.outbox.get(clientMessageId)
  if (!item) return
  item.status = 'sending'
  item.error = null
  saveOutbox()
  changed('room', item.roomId)
  void pump(item.roomId)
}

/** Gives up on a failed message. */
export function discard(clientMessageId: string) {
  const item = state.outbox.get(clientMessageId)
  if (!item) return
  state.outbox.delete(clientMessageId)
  saveOutbox()
  changed('room', item.roomId)
}

/** Starts (or hurries) every queue of the current organization: after a reload or reconnect. */
export function resumeOutbox() {
  const rooms = new Set(
    [...state.outbox.values()]
      .filter((item) => item.organizationId === state.org?.id && item.status === 'sending')
      .map((item) => item.roomId)
  )
  for (const roomId of rooms) void pump(roomId)
}

/** Sends a room's pending messages in order, one at a time. */
async function pump(roomId: string) {
  if (running.has(roomId)) return
  running.add(roomId)
  try {
    let item: Outgoing | undefined
    while ((item = outgoingIn(roomId).find((i) => i.status === 'sending'))) {
      await deliver(item)
    }
  } finally {
    running.delete(roomId)
  }
}

async function deliver(item: Outgoing) {
  if (state.outbox.get(item.clientMessageId) !== item || item.status !== 'sending') return
  try {
    const input: SendPlainMessage = {
      roomId: item.roomId,
      content: item.content,
      clientMessageId: item.clientMessageId,
      ...(item.replyToId ? { replyToId: item.replyToId } : {}),
      ...(item.replyToId && item.threadOnly ? { threadOnly: true } : {}),
    }
    const message = await parley.send(input, { retryDelaysMs: BACKOFF_MS })
    applyMessage(message)
    state.outbox.delete(item.clientMessageId)
    saveOutbox()
    changed('room', item.roomId)
    changed('rooms')
    if (item.threadOnly && item.replyToId) changed('thread', item.replyToId)
  } catch (error) {
    if (error instanceof ParleyError && error.code === 'E_SLOW_MODE') {
      const wait = error.retryAfter ? ` in ${slowModeWait(error.retryAfter)}` : ' later'
      return fail([item], `Not sent: slow mode. You can send again${wait}.`)
    }
    if (!(error instanceof ParleyError) || !error.retryable) {
      return fail([item], (error as Error).message)
    }
    const waiting = outgoingIn(item.roomId).filter((i) => i.status === 'sending')
    return fail(waiting, 'Not sent: the server could not be reached.')
  }
}

function fail(items: Outgoing[], reason: string) {
  for (const item of items) {
    item.status = 'failed'
    item.error = reason
    changed('room', item.roomId)
  }
  saveOutbox()
}

/** `retryAfter` seconds as a person reads them: "45 s", "3 min". */
export function slowModeWait(seconds: number) {
  return seconds < 90 ? `${Math.ceil(seconds)} s` : `${Math.ceil(seconds / 60)} min`
}
