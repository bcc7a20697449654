import { DateTime } from 'luxon'
import type Message from '#models/message'
import { type PendingSend, writeBatch } from '#domain/messages/message_batch'

/*
 * Group commit for plaintext sends (FIELD-NOTES: batching concurrent sends is
 * the big lever on PostgreSQL). Sends that arrive while earlier batches are
 * committing wait here and share the next transaction; at most MAX_IN_FLIGHT
 * batches commit at once, so a lone send still commits at once. A batch that
 * fails as a whole is retried send by send, so one bad send cannot fail the
 * others. Every promise settles only after its transaction committed.
 */

const MAX_BATCH = 256
const MAX_IN_FLIGHT = 3
const queue: PendingSend[] = []
let inFlight = 0
let scheduled = false
let idle: (() => void)[] = []
const batchObservers: ((size: number) => void)[] = []

/** Calls `observer` with the size of every batch about to be written (metrics). */
export function observeBatches(observer: (size: number) => void) {
  batchObservers.push(observer)
}

/**
 * Resolves once no send is queued or committing: every promise handed out
 * so far has settled. A draining node waits for it before its sockets go.
 */
export function drainSends(): Promise<void> {
  if (!queue.length && !inFlight && !scheduled) return Promise.resolve()
  return new Promise((resolve) => idle.push(resolve))
}

function notifyIdle() {
  if (queue.length || inFlight || scheduled) return
  const waiters = idle
  idle = []
  for (const resolve of waiters) resolve()
}

/** Queues a send for the next shared transaction; resolves with the stored message. */
export function enqueueSend(send: Omit<PendingSend, 'createdAt' | 'resolve' | 'reject'>) {
  return new Promise<Message>((resolve, reject) => {
    queue.push({ ...send, createdAt: DateTime.now(), resolve, reject })
    if (scheduled) return
    scheduled = true
    setImmediate(() => {
      scheduled = false
      pump()
    })
  })
}

function pump() {
  while (inFlight < MAX_IN_FLIGHT && queue.length) {
    inFlight += 1
    flush(queue.splice(0, MAX_BATCH)).finally(() => {
      inFlight -= 1
      pump()
    })
  }
  notifyIdle()
}

async function flush(batch: PendingSend[]) {
  for (const observe of batchObservers) observe(batch.length)
  try {
    settle(await writeBatch(batch))
  } catch (error) {
    if (batch.length === 1) return batch[0].reject(error)
    for (const send of batch) {
      await writeBatch([send]).then(settle, (failure) => send.reject(failure))
    }
  }
}

function settle({ written, settled }: Awaited<ReturnType<typeof writeBatch>>) {
  settled.forEach((run) => run())
  for (const [send, message] of written) send.resolve(message)
}
