import type { Actor, SessionProof } from '#types/actor'
import type { MessageRecord } from '#types/message_record'
import { AppException } from '#exceptions/app_exception'
import { roomNotFound } from '#domain/rooms/room_access'
import { readRoomPage } from '#domain/messages/message_pages'

export interface ListMessagesInput {
  before?: number
  after?: number
  limit?: number
}

/** Messages per page unless the client asks for another size (1–100). */
export const DEFAULT_PAGE = 50

/** Cursor fields of a page (DESIGN §10 message cursors). */
export type MessagePageMeta = {
  hasMore: boolean
  cursor: number | null
  syncCursor: number
}

/**
 * A page of a room's messages, oldest first within the page. Without a
 * cursor, the latest; with `before`, older ones (`meta.cursor` is the next
 * `before`); with `after`, every message created, edited or deleted after
 * that change cursor, in change order (`meta.cursor` is the next `after`).
 * `meta.syncCursor` is always a change cursor to pass as `after` later: it is
 * read in the same snapshot as the messages, so nothing committed meanwhile
 * is skipped. Membership, the page and its mentions are one statement
 * (`readRoomPage`); rows become records without model hydration.
 */
export default class ListMessages {
  /**
   * With a recalled session (`proof`), null when the page statement refused
   * it or found no room: the caller reads the session fresh and asks again
   * without one, which answers the refusal's own error, or the 404.
   */
  static async handle(
    actor: Actor,
    roomId: string,
    input: ListMessagesInput,
    proof: SessionProof
  ): Promise<{ messages: MessageRecord[]; meta: MessagePageMeta } | null>
  static async handle(
    actor: Actor,
    roomId: string,
    input: ListMessagesInput,
    proof?: undefined
  ): Promise<{ messages: MessageRecord[]; meta: MessagePageMeta }>
  static async handle(
    actor: Actor,
    roomId: string,
    input: ListMessagesInput,
    proof?: SessionProof
  ): Promise<{ messages: MessageRecord[]; meta: MessagePageMeta } | null> {
    if (input.before !== undefined && input.after !== undefined) {
      throw new AppException('Use either before or after, not both', {
        status: 422,
        code: 'E_VALIDATION_ERROR',
        field: 'after',
      })
    }
    const seeker = { userId: actor.user.id, organizationId: actor.organization.id }
    const limit = input.limit ?? DEFAULT_PAGE
    const cursor = input.after !== undefined ? { after: input.after } : { before: input.before }
    const page = await readRoomPage(seeker, roomId, limit, cursor, proof)
    if (!page && proof) return null
    if (!page) throw roomNotFound()
    const hasMore = page.records.length > limit
    if (input.after !== undefined) {
      const messages = page.records.slice(0, limit)
      const last = messages.at(-1)?.versionSeq ?? input.after
      const next = hasMore ? last : Math.max(last, page.changeSeq, input.after)
      return { messages, meta: { hasMore, cursor: next, syncCursor: next } }
    }
    const messages = page.records.slice(0, limit).reverse()
    const next = messages[0]?.seq ?? null
    return { messages, meta: { hasMore, cursor: next, syncCursor: page.changeSeq } }
  }
}
