import db from '@adonisjs/lucid/services/db'
import logger from '@adonisjs/core/services/logger'
import Message from '#models/message'
import type { Actor } from '#types/actor'
import { AppException } from '#exceptions/app_exception'
import MessageCipher, { type RoomKeyRow } from '#services/message_cipher'
import { cachedSearchKey, normalizedWords, queryTerms } from '#services/blind_index'
import { findRoomForMember } from '#domain/rooms/room_access'
import { decryptBodies } from '#domain/messages/message_bodies'
import { withMessageExtras } from '#domain/messages/message_extras'
import { snippetOf } from '#domain/messages/snippets'

export interface SearchInput {
  q: string
  roomId?: string
  from?: string
  before?: Date
  limit?: number
}

/** Hits per page unless the client asks for another size (1–50). */
export const DEFAULT_SEARCH_PAGE = 20

/** Words of a query that count; more are ignored. */
export const MAX_QUERY_WORDS = 8

function noWords() {
  return new AppException('The q field must contain a word', {
    status: 422,
    code: 'E_VALIDATION_ERROR',
    field: 'q',
  })
}

function encryptedRoom() {
  return new AppException('End-to-end encrypted rooms cannot be searched on the server', {
    status: 422,
    code: 'E_ENCRYPTED_ROOM',
    field: 'roomId',
  })
}

/**
 * Searches the messages of the rooms the actor is in (or of one of them),
 * on the blind index: the query's words are hashed with the search key of
 * every live key of each readable room, and a message matches when its
 * terms hold all of them. End-to-end encrypted rooms are never searched
 * (the server cannot read them). Hits come newest first, each with its room,
 * the message (decrypted on the way out) and a snippet; `meta.before` pages
 * to older hits.
 */
export default class SearchMessages {
  static async handle(actor: Actor, input: SearchInput) {
    const words = [...new Set(normalizedWords(input.q))].slice(0, MAX_QUERY_WORDS)
    if (!words.length) throw noWords()
    if (input.before && Number.isNaN(input.before.getTime())) {
      throw new AppException('The before field must be a valid date', {
        status: 422,
        code: 'E_VALIDATION_ERROR',
        field: 'before',
      })
    }
    if (input.roomId) {
      const { room } = await findRoomForMember(actor, input.roomId)
      if (room.encrypted) throw encryptedRoom()
    }
    const limit = input.limit ?? DEFAULT_SEARCH_PAGE
    const clauses = await this.clauses(actor, words, input.roomId)
    if (!clauses.length) return { hits: [], meta: { hasMore: false, before: null } }
    const query = withMessageExtras(Message.query(), actor.user.id)
      .withScopes((s) => s.forOrg(actor.organization.id))
      .join('message_search', 'message_search.message_id', 'messages.id')
      .whereNull('messages.deleted_at')
      .where((group) => {
        for (const clause of clauses) {
          group.orWhereRaw('(message_search.key_id = ? AND message_search.terms @> ?::text[])', [
            clause.keyId,
            clause.terms,
          ])
        }
      })
      .orderBy('messages.created_at', 'desc')
      .orderBy('messages.id', 'desc')
      .limit(limit + 1)
      .preload('mentions')
    if (input.from) query.where('messages.sender_id', input.from)
    if (input.before) query.where('messages.created_at', '<', input.before)
    const rows = await query
    const messages = rows.slice(0, limit)
    await decryptBodies(messages)
    const hits = messages.map((message) => ({
      roomId: message.roomId,
      message,
      snippet: snippetOf(message.body ?? '', words),
    }))
    const last = messages.at(-1)
    const before = rows.length > limit && last ? last.createdAt.toISO() : null
    return { hits, meta: { hasMore: rows.length > limit, before } }
  }

  /** One `(key, terms)` clause per live key of each readable, server-encrypted room. */
  private static async clauses(actor: Actor, words: string[], roomId?: string) {
    const query = db
      .from('room_keys as k')
      .join('rooms as r', 'r.id', 'k.room_id')
      .join('room_members as rm', (join) =>
        join.on('rm.room_id', 'r.id').andOnVal('rm.user_id', actor.user.id)
      )
      .where('r.organization_id', actor.organization.id)
      .where('r.encrypted', false)
      .whereNotNull('k.wrapped_key')
      .select('k.id', 'k.room_id', 'k.wrapped_key', 'k.master_version')
    if (roomId) query.where('r.id', roomId)
    const clauses: { keyId: string; terms: string[] }[] = []
    for (const row of (await query) as RoomKeyRow[]) {
      try {
        const key = await MessageCipher.keyFor(row)
        clauses.push({ keyId: row.id, terms: queryTerms(cachedSearchKey(row.id, key), words) })
      } catch (error) {
        logger.warn(
          { err: error, keyId: row.id },
          'a room key cannot be opened; its room is not searched'
        )
      }
    }
    return clauses
  }
}
