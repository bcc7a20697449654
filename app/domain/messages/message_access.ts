import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Message from '#models/message'
import type { Actor } from '#types/actor'
import { AppException, ConflictException, NotFoundException } from '#exceptions/app_exception'
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
