import { MAX_DISTINCT_REACTIONS, MAX_PINS_PER_ROOM } from '#validators/conversations'
import {
  bool,
  data,
  described,
  int,
  list,
  nullable,
  obj,
  op,
  ref,
  str,
  uuid,
  type Paths,
} from '../builder.js'

/* Operations of the conversation features: reactions, pins and threads. */

const chat = (path: string) => `/chat${path}`
const message = data(ref('Message'))
const emoji = str({ minLength: 1, maxLength: 64 })

export const conversationPaths: Paths = {
  [chat('/messages/{messageId}/reactions')]: {
    post: op(chat('/messages/{messageId}/reactions'), {
      operationId: 'addReaction',
      requestExample: { emoji: '👍' },
      tag: 'chat',
      summary: 'React with one Unicode emoji (any room member; adding it twice changes nothing)',
      description:
        `At most ${MAX_DISTINCT_REACTIONS} distinct emoji per message (409 E_TOO_MANY_REACTIONS). ` +
        'Works in end-to-end encrypted rooms too: reactions are metadata the server counts, ' +
        'stored in clear, not message content. Restamps the message (`versionSeq`) and sends ' +
        '`reaction_added`. Limited per user (REACTION_RATE_PER_MINUTE): 429.',
      org: true,
      body: obj({ emoji }),
      ok: { 200: message },
      errors: [409, 429, 503],
    }),
  },
  [chat('/messages/{messageId}/reactions/{emoji}')]: {
    delete: op(chat('/messages/{messageId}/reactions/{emoji}'), {
      operationId: 'removeReaction',
      params: { emoji: 'The emoji, percent-encoded' },
      tag: 'chat',
      summary: 'Remove one’s own reaction (the emoji percent-encoded in the path)',
      description: 'Restamps the message and sends `reaction_removed` when there was one.',
      org: true,
      ok: { 200: message },
      errors: [422, 429, 503],
    }),
  },
  [chat('/messages/{messageId}/pin')]: {
    put: op(chat('/messages/{messageId}/pin'), {
      operationId: 'pinMessage',
      tag: 'chat',
      summary: 'Pin (room admins and moderators+; the author in a direct room)',
      description:
        `At most ${MAX_PINS_PER_ROOM} pins per room (409 E_TOO_MANY_PINS). A pin survives ` +
        'edits and goes with a deleted message. Restamps the message and sends `message_pinned`.',
      org: true,
      ok: { 200: message },
      errors: [403, 409, 429, 503],
    }),
    delete: op(chat('/messages/{messageId}/pin'), {
      operationId: 'unpinMessage',
      description: 'Removes the pin; the room gets `message_unpinned`.',
      tag: 'chat',
      summary: 'Unpin (whoever may pin); sends `message_unpinned`',
      org: true,
      ok: { 204: null },
      errors: [403, 429, 503],
    }),
  },
  [chat('/messages/{messageId}/thread')]: {
    get: op(chat('/messages/{messageId}/thread'), {
      operationId: 'listThreadReplies',
      tag: 'chat',
      summary: 'A thread’s replies by seq, oldest first within the page (`before` for older)',
      description:
        'The thread the message roots, or the one it is a reply in. Threads are flat: a reply ' +
        'to a reply joins its root’s thread. Every reply also stays in the room’s history ' +
        '(as if "also sent to the room"). `meta` tells whether the caller follows the thread ' +
        'and their unread state in it.',
      org: true,
      query: {
        before: described(int({ minimum: 0 }), 'Replies with a seq below this one'),
        limit: described(int({ minimum: 1, maximum: 100 }), 'At most this many'),
      },
      ok: {
        200: obj({
          data: list(ref('Message')),
          meta: obj({
            hasMore: bool(),
            cursor: nullable(int({ minimum: 1 })),
            rootId: uuid(),
            following: bool(),
            lastReadSeq: int({ minimum: 0 }),
            unreadCount: int({ minimum: 0 }),
          }),
        }),
      },
      errors: [503],
    }),
  },
  [chat('/messages/{messageId}/thread/follow')]: {
    put: op(chat('/messages/{messageId}/thread/follow'), {
      operationId: 'followThread',
      requestExample: { following: true },
      tag: 'chat',
      summary: 'Follow or unfollow a thread (its root’s author and repliers follow by default)',
      description: 'Followers are notified of replies (`thread` notifications); nobody else is.',
      org: true,
      body: obj({ following: bool() }),
      ok: { 200: data(obj({ rootId: uuid(), following: bool() })) },
    }),
  },
  [chat('/messages/{messageId}/thread/read')]: {
    post: op(chat('/messages/{messageId}/thread/read'), {
      operationId: 'markThreadRead',
      description: 'The per-thread read pointer; it only moves forward.',
      requestExample: { seq: 44 },
      tag: 'chat',
      summary: 'Move one’s read pointer in a thread forward (monotonic)',
      org: true,
      body: obj({ seq: int({ minimum: 0 }) }),
      ok: { 200: data(obj({ rootId: uuid(), lastReadSeq: int({ minimum: 0 }) })) },
    }),
  },
  [chat('/search')]: {
    get: op(chat('/search'), {
      operationId: 'searchMessages',
      tag: 'chat',
      summary: 'Search the messages of my rooms, newest first',
      description:
        'Matches whole words, and prefixes of at least 3 characters, ignoring case and ' +
        'diacritics; every word of `q` (up to 8) must match. `roomId` limits the search to one ' +
        'room, `from` to one sender, `before` (ISO date-time; `meta.before` of the previous ' +
        'page) to older messages. Built on a blind index (keyed hashes under a per-room key), ' +
        'so message text stays encrypted at rest. End-to-end encrypted rooms are never ' +
        'searched: the server cannot read them (their `roomId` is 422 E_ENCRYPTED_ROOM). ' +
        'Limited per user (SEARCH_RATE_PER_MINUTE): 429.',
      org: true,
      query: {
        q: described(str({ minLength: 1, maxLength: 200 }), 'The words to find'),
        roomId: described(uuid(), 'Only this room'),
        from: described(uuid(), 'Only messages of this sender'),
        before: described(str({ format: 'date-time' }), 'Only older messages (`meta.before`)'),
        limit: described(int({ minimum: 1, maximum: 50 }), 'At most this many'),
      },
      ok: {
        200: obj({
          data: list(obj({ roomId: uuid(), snippet: str(), message: ref('Message') })),
          meta: obj({ hasMore: bool(), before: nullable(str({ format: 'date-time' })) }),
        }),
      },
      errors: [429, 503],
    }),
  },
  [chat('/rooms/{roomId}/pins')]: {
    get: op(chat('/rooms/{roomId}/pins'), {
      operationId: 'listPinnedMessages',
      description: 'The pinned messages of a room the caller is in.',
      tag: 'chat',
      summary: 'A room’s pinned messages, most recently pinned first',
      org: true,
      ok: { 200: data(list(ref('Message'))) },
      errors: [503],
    }),
  },
}
