import { randomUUID } from 'node:crypto'
import { type DateTime } from 'luxon'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type Message from '#models/message'
import MessageMention from '#models/message_mention'
import type Room from '#models/room'
import type { Actor } from '#types/actor'
import { AppException } from '#exceptions/app_exception'
import MessageCipher, { type RoomKeyRow } from '#services/message_cipher'
import { committedTransaction } from '#services/committed_transaction'
import { roomNotFound } from '#domain/rooms/room_access'
import { roomArchived, sendRefusal, type SenderStanding } from '#domain/messages/message_access'
import type { Mention } from '#domain/messages/mentions'
import {
  type InsertMessageInput,
  type MentionRow,
  messageFromRow,
  type SearchTerms,
  type UnnumberedRow,
  writeNumberedRows,
} from '#domain/messages/message_rows'
import { cachedSearchKey, indexTerms } from '#services/blind_index'
import { preparedRows } from '#services/prepared_statements'
import { EXTRA_KINDS } from '#domain/messages/message_extras'

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

const key = (...parts: (string | null | undefined)[]) => parts.join('|')

/*
 * The admission of a batch, in ONE statement, and the authority on who may
 * send: whatever a node cached before the batch (the socket's actor, the
 * room's members: app/services/access_cache.ts), a send is written only if,
 * now, its sender is a member of the room and of its organization (the
 * room_members row stays locked FOR KEY SHARE until commit, so a removal
 * waits for the batch), the account is active, the session's API token (a
 * socket's) still exists and has not expired, and the room is not archived;
 * it also reads the sender's standing (a mute in the organization, the
 * seconds since their last message for a slow-mode room: sendRefusal).
 * The rooms are locked FOR UPDATE in id order (concurrent batches cannot
 * deadlock), then their active keys FOR KEY SHARE, as the single-send path
 * does. Each CTE is materialized, so the locks are taken in that order.
 */
export const ADMIT = `WITH v AS MATERIALIZED (
  SELECT DISTINCT room_id, user_id, token_id
  FROM unnest(?::uuid[], ?::uuid[], ?::bigint[]) AS v(room_id, user_id, token_id)
), live AS MATERIALIZED (
  SELECT rm.room_id, rm.user_id, m.role,
    CASE WHEN m.muted_until > now() THEN m.muted_until END AS muted_until
  FROM room_members rm
  JOIN (SELECT DISTINCT room_id, user_id FROM v) p ON rm.room_id = p.room_id AND rm.user_id = p.user_id
  JOIN memberships m ON m.organization_id = rm.organization_id AND m.user_id = rm.user_id
  FOR KEY SHARE OF rm
), sessions AS (
  SELECT v.user_id, v.token_id::text AS token_id FROM v
  JOIN users u ON u.id = v.user_id AND u.deactivated_at IS NULL
  WHERE v.token_id IS NULL OR EXISTS (
    SELECT 1 FROM auth_access_tokens t WHERE t.id = v.token_id AND t.tokenable_id = v.user_id
      AND t.type = 'auth_token' AND (t.expires_at IS NULL OR t.expires_at > now()))
), locked AS MATERIALIZED (
  SELECT r.id, r.archived_at IS NOT NULL AS archived, r.slow_mode_seconds FROM rooms r
  WHERE r.id IN (SELECT room_id FROM live) ORDER BY r.id FOR UPDATE OF r
), keys AS (
  SELECT k.id, k.room_id, k.wrapped_key, k.master_version FROM room_keys k
  WHERE k.room_id IN (SELECT id FROM locked) AND k.status = 'active' FOR KEY SHARE OF k
)
SELECT (SELECT coalesce(json_agg(live), '[]') FROM live) AS live,
  (SELECT coalesce(json_agg(sessions), '[]') FROM sessions) AS sessions,
  (SELECT coalesce(json_agg(locked), '[]') FROM locked) AS rooms,
  (SELECT coalesce(json_agg(keys), '[]') FROM keys) AS keys`

interface Admission {
  live: ({ room_id: string; user_id: string } & Pick<SenderStanding, 'role' | 'muted_until'>)[]
  sessions: { user_id: string; token_id: string | null }[]
  rooms: { id: string; archived: boolean; slow_mode_seconds: number }[]
  keys: RoomKeyRow[]
}

/**
 * Runs the admission (ADMIT) for parallel arrays of rooms, senders and their
 * sessions' token ids, as a named statement: its tables grow with members
 * and rooms, not with each send, and planning it was ~0.5 ms of PostgreSQL
 * CPU a batch (app/services/prepared_statements.ts).
 */
export async function admissionRow(
  trx: TransactionClientContract,
  roomIds: string[],
  userIds: string[],
  tokenIds: (string | null)[]
): Promise<Admission> {
  const [found] = await preparedRows<Admission>(ADMIT, [roomIds, userIds, tokenIds], trx)
  return found
}

function sessionEnded() {
  return new AppException('This session has ended', { status: 401, code: 'E_UNAUTHORIZED' })
}

/**
 * Splits a batch into the sends that will be written and settles the
 * others: 401 for an ended session, 404 for a sender who is no longer a
 * member, 409 E_ROOM_ARCHIVED, DuplicateSend for a clientMessageId repeated
 * within the batch (one stored before is dropped by the write itself).
 * Answers the active key of every admitted room.
 */
async function admit(trx: TransactionClientContract, sends: PendingSend[]) {
  const tokenOf = (send: PendingSend) => send.actor.session?.tokenId ?? null
  const found = await admissionRow(
    trx,
    sends.map((s) => s.room.id),
    sends.map((s) => s.actor.user.id),
    sends.map(tokenOf)
  )
  const live = new Map(found.live.map((row) => [key(row.room_id, row.user_id), row]))
  const slowMode = new Map(found.rooms.map((row) => [row.id, row.slow_mode_seconds]))
  const sessions = new Set(found.sessions.map((row) => key(row.user_id, row.token_id)))
  const archived = new Set(found.rooms.filter((row) => row.archived).map((row) => row.id))
  const seen = new Set<string>()
  const admitted: PendingSend[] = []
  const settled: (() => void)[] = []
  for (const send of sends) {
    const clientKey = send.input.clientMessageId
      ? key(send.room.id, send.actor.user.id, send.input.clientMessageId)
      : undefined
    const senderKey = key(send.room.id, send.actor.user.id)
    const standing = live.get(senderKey)
    const refusal = !sessions.has(key(send.actor.user.id, tokenOf(send)))
      ? sessionEnded()
      : !standing
        ? roomNotFound()
        : archived.has(send.room.id)
          ? roomArchived()
          : clientKey && seen.has(clientKey)
            ? new DuplicateSend()
            : sendRefusal({ ...standing, since_sent: null, slow_mode_seconds: 0 })
    if (refusal) {
      settled.push(() => send.reject(refusal))
      continue
    }
    if (clientKey) seen.add(clientKey)
    admitted.push(send)
  }
  const paced = await applySlowMode(trx, admitted, slowMode, live, settled)
  return { admitted: paced, settled, keys: await roomKeys(trx, paced, found.keys) }
}

/**
 * Slow mode, for sends to rooms that have it: the time of each sender's
 * last message is read again now that the rooms are locked (the admission
 * statement's snapshot predates the lock, so it can miss a batch that
 * committed while this one waited), and a sender gets at most one send per
 * room in a batch. Rooms without slow mode cost nothing here.
 */
async function applySlowMode(
  trx: TransactionClientContract,
  sends: PendingSend[],
  slowMode: Map<string, number>,
  live: Map<string, Pick<SenderStanding, 'role' | 'muted_until'>>,
  settled: (() => void)[]
) {
  const paced = sends.filter((send) => (slowMode.get(send.room.id) ?? 0) > 0)
  if (!paced.length) return sends
  const result = await trx.rawQuery(
    `SELECT rm.room_id, rm.user_id, extract(epoch FROM now() - rm.last_sent_at)::float8 AS since
     FROM room_members rm JOIN unnest(?::uuid[], ?::uuid[]) AS p(room_id, user_id)
       ON rm.room_id = p.room_id AND rm.user_id = p.user_id`,
    [paced.map((s) => s.room.id), paced.map((s) => s.actor.user.id)]
  )
  const since = new Map<string, number | null>(
    result.rows.map((row: { room_id: string; user_id: string; since: number | null }) => [
      key(row.room_id, row.user_id),
      row.since,
    ])
  )
  const sentInBatch = new Set<string>()
  return sends.filter((send) => {
    const senderKey = key(send.room.id, send.actor.user.id)
    const refusal = sendRefusal(
      {
        ...live.get(senderKey)!,
        since_sent: since.get(senderKey) ?? null,
        slow_mode_seconds: slowMode.get(send.room.id) ?? 0,
      },
      sentInBatch.has(senderKey)
    )
    if (refusal) settled.push(() => send.reject(refusal))
    else sentInBatch.add(senderKey)
    return !refusal
  })
}

/** The active key of each room written to; a room without one gets it created (rare: old rooms). */
async function roomKeys(trx: TransactionClientContract, sends: PendingSend[], rows: RoomKeyRow[]) {
  const keys = new Map<string, { id: string; key: Buffer }>()
  for (const row of rows)
    keys.set(row.room_id, { id: row.id, key: await MessageCipher.keyFor(row) })
  for (const send of sends) {
    if (!keys.has(send.room.id)) {
      keys.set(send.room.id, await MessageCipher.currentKey(trx, send.room.id, true))
    }
  }
  return keys
}

/**
 * Writes a batch of sends in ONE transaction of four statements (group
 * commit, FIELD-NOTES): BEGIN, the admission (ADMIT), the write
 * (message_rows.ts writeNumberedRows, which also stores each message's
 * blind search index row, hashed here under its room's search key), COMMIT.
 * Seqs stay gap-free because a
 * room's counter moves by exactly the number of rows inserted into it, under
 * its row lock, and everything rolls back together. Bodies are sealed under
 * each room's active key between the two statements. Resolves nothing: the
 * caller settles the sends after commit with the returned outcomes.
 */
export async function writeBatch(sends: PendingSend[]) {
  return committedTransaction(async (trx) => {
    const { admitted, settled, keys } = await admit(trx, sends)
    if (!admitted.length) return { written: [] as [PendingSend, Message][], settled }
    const rows = admitted.map((send): UnnumberedRow => {
      const { id: keyId, key: roomKey } = keys.get(send.room.id)!
      return {
        id: randomUUID(),
        organization_id: send.room.organizationId,
        room_id: send.room.id,
        sender_id: send.actor.user.id,
        reply_to_id: send.input.replyToId ?? null,
        client_message_id: send.input.clientMessageId ?? null,
        body_hash: send.bodyHash,
        body_ciphertext: MessageCipher.sealBody(keyId, roomKey, send.input.content),
        body_key_id: keyId,
        encrypted_payload: null,
        thread_only: send.input.threadOnly ?? false,
        extra_kinds: send.mentions.length ? EXTRA_KINDS.mentions : 0,
        created_at: send.createdAt.toJSDate(),
      }
    })
    const mentions: MentionRow[] = admitted.flatMap((send, i) =>
      send.mentions.map((mention) => ({
        message_id: rows[i].id,
        user_id: mention.userId,
        organization_id: send.room.organizationId,
        kind: mention.kind,
      }))
    )
    const search: SearchTerms[] = admitted.map((send, i) => {
      const { id: keyId, key: roomKey } = keys.get(send.room.id)!
      return {
        message_id: rows[i].id,
        terms: indexTerms(cachedSearchKey(keyId, roomKey), send.input.content),
      }
    })
    const numbers = await writeNumberedRows(trx, rows, mentions, search)
    const mentionsOf = mentionModels(mentions)
    const written: [PendingSend, Message][] = []
    admitted.forEach((send, i) => {
      const numbered = numbers.get(rows[i].id)
      if (!numbered) return settled.push(() => send.reject(new DuplicateSend()))
      const row = { ...rows[i], seq: numbered.seq, version_seq: numbered.versionSeq }
      const message = messageFromRow(row, send.createdAt)
      message.$setRelated('mentions', mentionsOf.get(row.id) ?? [])
      message.body = send.input.content
      written.push([send, message])
    })
    return { written, settled }
  })
}

/** The stored mentions as models, by message id. */
function mentionModels(mentions: MentionRow[]) {
  const byMessage = new Map<string, MessageMention[]>()
  for (const value of mentions) {
    const mention = new MessageMention()
    mention.$consumeAdapterResult(value)
    mention.$isPersisted = true
    byMessage.set(value.message_id, [...(byMessage.get(value.message_id) ?? []), mention])
  }
  return byMessage
}
