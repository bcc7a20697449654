import { randomUUID } from 'node:crypto'
import { type DateTime } from 'luxon'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type Message from '#models/message'
import MessageMention from '#models/message_mention'
import type Room from '#models/room'
import type { Actor } from '#types/actor'
import MessageCipher from '#services/message_cipher'
import { committedTransaction } from '#services/committed_transaction'
import { roomNotFound } from '#domain/rooms/room_access'
import type { Mention } from '#domain/messages/mentions'
import {
  type InsertMessageInput,
  insertMessageRows,
  type MessageRow,
  messageFromRow,
} from '#domain/messages/message_rows'

/** A send waiting for the next shared transaction. */
export interface PendingSend {
  actor: Actor
  room: Room
  input: InsertMessageInput & { content: string }
  bodyHash: string
  mentions: Mention[]
  createdAt: DateTime
  resolve(message: Message): void
  reject(error: unknown): void
}

/** Thrown to a send whose clientMessageId is already stored (the caller replays it). */
export class DuplicateSend extends Error {}

type Pair = { roomId: string; userId: string }
const key = (...parts: (string | null | undefined)[]) => parts.join('|')

/** The senders still members of their rooms; their rows stay locked until commit. */
async function liveMembers(trx: TransactionClientContract, sends: PendingSend[]) {
  const pairs: Pair[] = sends.map((s) => ({ roomId: s.room.id, userId: s.actor.user.id }))
  const rows = await trx.rawQuery(
    `SELECT rm.room_id, rm.user_id FROM room_members rm
     JOIN unnest(?::uuid[], ?::uuid[]) AS v(room_id, user_id)
       ON rm.room_id = v.room_id AND rm.user_id = v.user_id
     FOR KEY SHARE OF rm`,
    [pairs.map((p) => p.roomId), pairs.map((p) => p.userId)]
  )
  return new Set(
    rows.rows.map((row: { room_id: string; user_id: string }) => key(row.room_id, row.user_id))
  )
}

/**
 * clientMessageIds of the batch already stored. Read after the rooms are
 * locked: every writer of a room holds its row lock until commit, so nothing
 * can be inserted into these rooms between this read and our insert.
 */
async function storedClientIds(trx: TransactionClientContract, sends: PendingSend[]) {
  const keyed = sends.filter((s) => s.input.clientMessageId)
  if (!keyed.length) return new Set<string>()
  const rows = await trx.rawQuery(
    `SELECT m.room_id, m.sender_id, m.client_message_id FROM messages m
     JOIN unnest(?::uuid[], ?::uuid[], ?::uuid[]) AS v(room_id, sender_id, client_message_id)
       ON m.room_id = v.room_id AND m.sender_id = v.sender_id AND m.client_message_id = v.client_message_id`,
    [
      keyed.map((s) => s.room.id),
      keyed.map((s) => s.actor.user.id),
      keyed.map((s) => s.input.clientMessageId!),
    ]
  )
  return new Set(
    rows.rows.map((row: Record<string, string>) =>
      key(row.room_id, row.sender_id, row.client_message_id)
    )
  )
}

/**
 * Takes `count` consecutive seqs and change seqs per room in one statement
 * (the rooms are already locked by `admit`).
 */
async function bumpCounters(trx: TransactionClientContract, counts: Map<string, number>) {
  const ids = [...counts.keys()].sort()
  const result = await trx.rawQuery(
    `UPDATE rooms r SET last_seq = r.last_seq + v.n, change_seq = r.change_seq + v.n,
       last_message_at = now()
     FROM unnest(?::uuid[], ?::int[]) AS v(id, n) WHERE r.id = v.id
     RETURNING r.id, r.last_seq, r.change_seq`,
    [ids, ids.map((id) => counts.get(id)!)]
  )
  const next = new Map<string, { seq: number; versionSeq: number }>()
  for (const row of result.rows) {
    const n = counts.get(row.id)!
    next.set(row.id, {
      seq: Number(row.last_seq) - n + 1,
      versionSeq: Number(row.change_seq) - n + 1,
    })
  }
  return next
}

/**
 * Splits a batch into the sends that will be written (members, new
 * clientMessageIds, first of any in-batch repeat) and settles the others:
 * 404 for a non-member, DuplicateSend for a stored or repeated key.
 */
async function admit(trx: TransactionClientContract, sends: PendingSend[]) {
  const members = await liveMembers(trx, sends)
  const candidates = sends.filter((s) => members.has(key(s.room.id, s.actor.user.id)))
  const rooms = [...new Set(candidates.map((s) => s.room.id))].sort()
  // In id order, so that concurrent batches cannot deadlock on each other.
  await trx.rawQuery('SELECT id FROM rooms WHERE id = ANY(?::uuid[]) ORDER BY id FOR UPDATE', [
    rooms,
  ])
  const stored = await storedClientIds(trx, candidates)
  const seen = new Set<string>()
  const admitted: PendingSend[] = []
  const settled: (() => void)[] = []
  for (const send of sends) {
    const clientKey = send.input.clientMessageId
      ? key(send.room.id, send.actor.user.id, send.input.clientMessageId)
      : undefined
    if (!members.has(key(send.room.id, send.actor.user.id))) {
      settled.push(() => send.reject(roomNotFound()))
    } else if (clientKey && (stored.has(clientKey) || seen.has(clientKey))) {
      settled.push(() => send.reject(new DuplicateSend()))
    } else {
      if (clientKey) seen.add(clientKey)
      admitted.push(send)
    }
  }
  return { admitted, settled }
}

/**
 * Writes a batch of sends in ONE transaction (group commit, FIELD-NOTES):
 * seqs stay gap-free because a room's counter moves by exactly the number
 * of rows inserted into it, under its row lock, and everything rolls back
 * together. Bodies are sealed under each room's active key, read FOR KEY
 * SHARE as in the single-send path. Resolves nothing: the caller settles
 * the sends after commit with the returned outcomes.
 */
export async function writeBatch(sends: PendingSend[]) {
  return committedTransaction(async (trx) => {
    const { admitted, settled } = await admit(trx, sends)
    if (!admitted.length) return { written: [] as [PendingSend, Message][], settled }
    const counts = new Map<string, number>()
    for (const s of admitted) counts.set(s.room.id, (counts.get(s.room.id) ?? 0) + 1)
    const next = await bumpCounters(trx, counts)
    const keys = await MessageCipher.activeKeys(trx, [...counts.keys()])
    const rows = admitted.map((send): MessageRow => {
      const counter = next.get(send.room.id)!
      const seq = counter.seq++
      const versionSeq = counter.versionSeq++
      const { id: keyId, key: roomKey } = keys.get(send.room.id)!
      const id = randomUUID()
      return {
        id,
        organization_id: send.room.organizationId,
        room_id: send.room.id,
        sender_id: send.actor.user.id,
        seq,
        version_seq: versionSeq,
        reply_to_id: send.input.replyToId ?? null,
        client_message_id: send.input.clientMessageId ?? null,
        body_hash: send.bodyHash,
        body_ciphertext: MessageCipher.sealBody(keyId, roomKey, send.input.content),
        body_key_id: keyId,
        encrypted_payload: null,
        created_at: send.createdAt.toJSDate(),
      }
    })
    await insertMessageRows(trx, rows)
    await moveReadPointers(trx, rows)
    const mentions = await insertMentions(trx, admitted, rows)
    const written = admitted.map((send, i): [PendingSend, Message] => {
      const message = messageFromRow(rows[i], send.createdAt)
      message.$setRelated('mentions', mentions.get(rows[i].id) ?? [])
      message.body = send.input.content
      return [send, message]
    })
    return { written, settled }
  })
}

/** A sender has read up to their own newest message (monotonic pointer). */
async function moveReadPointers(trx: TransactionClientContract, rows: MessageRow[]) {
  const highest = new Map<string, Pair & { seq: number }>()
  for (const row of rows) {
    const k = key(row.room_id, row.sender_id)
    const seen = highest.get(k)
    if (!seen || seen.seq < row.seq)
      highest.set(k, { roomId: row.room_id, userId: row.sender_id, seq: row.seq })
  }
  const list = [...highest.values()]
  await trx.rawQuery(
    `UPDATE room_members rm SET last_read_seq = GREATEST(rm.last_read_seq, v.seq)
     FROM unnest(?::uuid[], ?::uuid[], ?::bigint[]) AS v(room_id, user_id, seq)
     WHERE rm.room_id = v.room_id AND rm.user_id = v.user_id`,
    [list.map((p) => p.roomId), list.map((p) => p.userId), list.map((p) => p.seq)]
  )
}

async function insertMentions(
  trx: TransactionClientContract,
  sends: PendingSend[],
  rows: MessageRow[]
) {
  const byMessage = new Map<string, MessageMention[]>()
  const values = sends.flatMap((send, i) =>
    send.mentions.map((mention) => ({
      message_id: rows[i].id,
      user_id: mention.userId,
      organization_id: send.room.organizationId,
      kind: mention.kind,
    }))
  )
  if (!values.length) return byMessage
  await trx.table('message_mentions').multiInsert(values)
  for (const value of values) {
    const mention = new MessageMention()
    mention.$consumeAdapterResult(value)
    mention.$isPersisted = true
    byMessage.set(value.message_id, [...(byMessage.get(value.message_id) ?? []), mention])
  }
  return byMessage
}
