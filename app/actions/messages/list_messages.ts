import Message from '#models/message'
import type { Actor } from '#types/actor'
import { AppException } from '#exceptions/app_exception'
import { findRoomForMember } from '#domain/rooms/room_access'
import { decryptBodies } from '#domain/messages/message_bodies'

export interface ListMessagesInput {
  before?: number
  after?: number
  limit?: number
}

/** Messages per page unless the client asks for another size (1–100). */
export const DEFAULT_PAGE = 50

/**
 * The latest-first page query: by the unique (room_id, seq) index, newest
 * first, one extra row to tell whether there are more. Exported so a test can
 * check its plan on a large room.
 */
export function latestMessagesQuery(
  organizationId: string,
  roomId: string,
  limit: number,
  before?: number
) {
  const query = Message.query()
    .withScopes((s) => s.forOrg(organizationId))
    .where('room_id', roomId)
    .orderBy('seq', 'desc')
    .limit(limit + 1)
  if (before !== undefined) query.where('seq', '<', before)
  return query
}

/**
 * A page of a room's messages, oldest first within the page. Without a
 * cursor, the latest; with `before`, older ones (`meta.cursor` is the next
 * `before`); with `after`, every message created, edited or deleted after
 * that change cursor, in change order (`meta.cursor` is the next `after`).
 * `meta.syncCursor` is always a change cursor to pass as `after` later: it is
 * read before the messages, so nothing committed meanwhile is skipped.
 */
export default class ListMessages {
  static async handle(actor: Actor, roomId: string, input: ListMessagesInput) {
    if (input.before !== undefined && input.after !== undefined) {
      throw new AppException('Use either before or after, not both', {
        status: 422,
        code: 'E_VALIDATION_ERROR',
        field: 'after',
      })
    }
    const { room } = await findRoomForMember(actor, roomId)
    const limit = input.limit ?? DEFAULT_PAGE
    if (input.after !== undefined) {
      const rows = await Message.query()
        .withScopes((s) => s.forOrg(actor.organization.id))
        .where('room_id', room.id)
        .where('version_seq', '>', input.after)
        .orderBy('version_seq', 'asc')
        .limit(limit + 1)
        .preload('mentions')
      const hasMore = rows.length > limit
      const page = rows.slice(0, limit)
      const last = page.at(-1)?.versionSeq ?? input.after
      const cursor = hasMore ? last : Math.max(last, room.changeSeq, input.after)
      await decryptBodies(page)
      return { messages: page, meta: { hasMore, cursor, syncCursor: cursor } }
    }
    const rows = await latestMessagesQuery(
      actor.organization.id,
      room.id,
      limit,
      input.before
    ).preload('mentions')
    const hasMore = rows.length > limit
    const page = rows.slice(0, limit).reverse()
    await decryptBodies(page)
    const cursor = page[0]?.seq ?? null
    return { messages: page, meta: { hasMore, cursor, syncCursor: room.changeSeq } }
  }
}
