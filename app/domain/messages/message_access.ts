import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Message from '#models/message'
import type { Actor } from '#types/actor'
import {
  AppException,
  ConflictException,
  NotFoundException,
  RateLimitedException,
} from '#exceptions/app_exception'
import { isUuid } from '#services/org_context'
import { findRoomForMember, type RoomAccess } from '#domain/rooms/room_access'

/**
 * Finds a message of the actor's organization in a room the actor is in, and
 * locks its room row (edits and deletes bump the room's change counter). The
 * message is read again under that lock, so a concurrent edit or delete is
 * seen. Any other message is the same 404.
 */
export async function findMessageForMember(
  actor: Actor,
  messageId: string,
  trx: TransactionClientContract
): Promise<RoomAccess & { message: Message }> {
  if (!isUuid(messageId)) throw messageNotFound()
  const message = await Message.query({ client: trx })
    .withScopes((s) => s.forOrg(actor.organization.id))
    .where('id', messageId)
    .first()
  if (!message) throw messageNotFound()
  let access: RoomAccess
  try {
    access = await findRoomForMember(actor, message.roomId, { client: trx, lock: true })
  } catch (error) {
    if (error instanceof NotFoundException) throw messageNotFound()
    throw error
  }
  const current = await Message.query({ client: trx }).where('id', message.id).firstOrFail()
  return { ...access, message: current }
}

/**
 * Takes the room's next change number (under the room row lock) for an edit
 * or a delete; the message is restamped with it so `?after=` returns it.
 */
export async function nextChangeSeq(trx: TransactionClientContract, roomId: string) {
  const result = await trx.rawQuery(
    'UPDATE rooms SET change_seq = change_seq + 1 WHERE id = ? RETURNING change_seq',
    [roomId]
  )
  return Number(result.rows[0].change_seq)
}

/** The one 404 of messages, whatever the reason. */
export function messageNotFound() {
  return new NotFoundException('Message not found')
}

/** Archived rooms are read-only: no new messages and no edits. */
export function roomArchived() {
  return new ConflictException('This room is archived', 'E_ROOM_ARCHIVED')
}

/** 422 E_E2E_DISABLED: encrypted rooms need the key directory plugin. */
export function e2eDisabled(field = 'encrypted') {
  return new AppException('End-to-end encrypted rooms need the e2e-keys plugin', {
    status: 422,
    code: 'E_E2E_DISABLED',
    field,
  })
}

/** What a send's admission reads about its sender, for the moderation rules. */
export interface SenderStanding {
  /** ISO time the sender's mute ends, when muted now. */
  muted_until: string | null
  /** Seconds since the sender's last message in the room (null: never sent). */
  since_sent: number | null
  slow_mode_seconds: number
  role: string
}

/**
 * The moderation refusal of a send, if any: a muted member is 403
 * E_MEMBER_MUTED (until when, in the message); in a slow-mode room a member
 * below moderator who sent less than the interval ago is 429 E_SLOW_MODE
 * with the seconds to wait. `sentInBatch`: the sender already has a send
 * admitted to this room in the same batch.
 */
export function sendRefusal(standing: SenderStanding, sentInBatch = false) {
  if (standing.muted_until) {
    return new AppException(
      `You are muted in this organization until ${new Date(standing.muted_until).toISOString()}`,
      { status: 403, code: 'E_MEMBER_MUTED' }
    )
  }
  const slow = standing.slow_mode_seconds
  if (slow <= 0 || ['owner', 'admin', 'moderator'].includes(standing.role)) return undefined
  const since = sentInBatch ? 0 : standing.since_sent
  if (since === null || since >= slow) return undefined
  return new RateLimitedException(
    `Slow mode: one message every ${slow} seconds in this room`,
    Math.max(1, Math.ceil(slow - since)),
    'E_SLOW_MODE'
  )
}
