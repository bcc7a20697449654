import type { ClientToServerEvents } from '#realtime/socket_events'
import { MAX_CONTENT_LENGTH } from '#validators/chat'
import { MAX_SYNC_ROOMS } from '#validators/realtime'
import { bool, int, list, obj, ref, str, uuid, type Schema } from '../builder.js'
import { ids, messageExample, roomExample } from '../examples.js'
import type { ClientEventSpec } from './event_spec.js'

/*
 * Every client→server Socket.IO event (DESIGN.md §6), for the AsyncAPI
 * document. Keyed by ClientToServerEvents: an event the gateway types but
 * this table lacks fails `tsc`.
 */

const roomRef = obj({ roomId: uuid() })
const roomRefExample = { roomId: ids.group }
const content = str({ minLength: 1, maxLength: MAX_CONTENT_LENGTH })
const mentions = list(uuid(), { maxItems: 100 })
const threadOnly = {
  ...bool(),
  description: 'With `replyToId`: the reply stays in its thread, out of the room’s timeline',
}
const messageRef = obj({ messageId: uuid() })
const messageRefExample = { messageId: ids.message }
const reactionRef = obj({
  messageId: uuid(),
  emoji: str({ minLength: 1, maxLength: 64, description: 'One Unicode emoji' }),
})
const reactionRefExample = { messageId: ids.message, emoji: '👍' }
const reactedExample = { ...messageExample, reactions: [{ emoji: '👍', count: 1, me: true }] }

/** What `connected` and `organization_switched` carry, and `switch_organization` acks. */
export const socketContext: Schema = obj({
  userId: uuid(),
  organizationId: uuid(),
  rooms: list(uuid(), { description: 'The chat rooms this socket was put in' }),
})

export const socketContextExample = {
  userId: ids.ann,
  organizationId: ids.org,
  rooms: [ids.dm, ids.group],
}

const syncRoom: Schema = {
  description: 'One room of a sync: its changes after the cursor, or why there are none',
  oneOf: [
    obj({
      ok: { const: true },
      data: obj({
        messages: list(ref('Message'), { maxItems: 100 }),
        hasMore: { ...bool(), description: 'More changes wait: sync again from `cursor`' },
        cursor: {
          ...int({ minimum: 0 }),
          description: 'The room’s change counter after these changes: the next cursor',
        },
      }),
    }),
    obj({ ok: { const: false }, error: ref('AckError') }),
  ],
}

/** Every client→server event. */
export const clientEvents: { [Event in keyof ClientToServerEvents]: ClientEventSpec } = {
  join_room: {
    summary: 'Receive a room’s events on this socket again',
    description:
      'The server already joins every room of the user at connect; use this after `leave_room`, ' +
      'or when a room beyond the per-socket limit is wanted. Also emits `joined_room`.',
    payload: roomRef,
    example: roomRefExample,
    ack: roomRef,
    ackExample: roomRefExample,
    errors: ['E_TOO_MANY_ROOMS'],
  },
  leave_room: {
    summary: 'Stop a room’s events on this socket (membership is unchanged)',
    description: 'Also emits `left_room`. Typing in the room stops.',
    payload: roomRef,
    example: roomRefExample,
    ack: roomRef,
    ackExample: roomRefExample,
    errors: [],
  },
  send_message: {
    summary: 'Send a message; the ack carries the committed message',
    description:
      'Plaintext rooms take `content`; end-to-end encrypted rooms take `ciphertext`, `iv`, ' +
      '`keyVersion`, `algorithm` and explicit `mentions`. The ack comes after the commit, then ' +
      '`new_message` goes to the room. Send a `clientMessageId` (a UUID you generate) and resend ' +
      'with the same one after a timeout or reconnect: the stored message comes back, never a ' +
      'duplicate; the same id with another body is E_IDEMPOTENCY_CONFLICT.',
    payload: {
      oneOf: [
        obj({
          'roomId': uuid(),
          'content': content,
          'replyToId?': uuid(),
          'clientMessageId?': uuid(),
          'mentions?': mentions,
          'threadOnly?': threadOnly,
        }),
        obj({
          'roomId': uuid(),
          'ciphertext': str({ description: 'Base64' }),
          'iv': str({ description: 'Base64' }),
          'keyVersion': int({ minimum: 1 }),
          'algorithm': str(),
          'replyToId?': uuid(),
          'clientMessageId?': uuid(),
          'mentions?': mentions,
          'threadOnly?': threadOnly,
        }),
      ],
    },
    example: {
      roomId: ids.group,
      content: 'Hello @bob, the build is green',
      clientMessageId: ids.clientMessage,
    },
    ack: ref('Message'),
    ackExample: messageExample,
    errors: [
      'E_IDEMPOTENCY_CONFLICT',
      'E_ROOM_ARCHIVED',
      'E_ENCRYPTED_ROOM',
      'E_PLAINTEXT_ROOM',
      'E_ROOM_KEY_STALE',
      'E_MESSAGE_DELETED',
      'E_KEYRING_STALE',
      'E_MEMBER_MUTED',
      'E_SLOW_MODE',
    ],
  },
  edit_message: {
    summary: 'Edit one’s own message (history is kept)',
    description: 'Bumps the room’s change counter; `message_edited` goes to the room.',
    payload: obj({ messageId: uuid(), content }),
    example: { messageId: ids.message, content: 'Hello @bob, the build is green again' },
    ack: ref('Message'),
    ackExample: { ...messageExample, editedAt: '2026-12-04T09:31:00.000Z' },
    errors: [
      'E_FORBIDDEN',
      'E_MESSAGE_DELETED',
      'E_ROOM_ARCHIVED',
      'E_ENCRYPTED_ROOM',
      'E_KEYRING_STALE',
    ],
  },
  delete_message: {
    summary: 'Delete a message (its author, or a moderator and up)',
    description:
      'Soft delete: content and media go, the seq stays; `message_deleted` goes to the room.',
    payload: obj({ messageId: uuid() }),
    example: { messageId: ids.message },
    ack: obj({ messageId: uuid() }),
    ackExample: { messageId: ids.message },
    errors: ['E_FORBIDDEN', 'E_ROOM_ARCHIVED'],
  },
  run_command: {
    summary: 'Run a slash command in a room; the ack carries its answer',
    description:
      '`command` is the name (a leading `/` is allowed), `args` the rest of the line. The command’s ' +
      'endpoint is called, signed, and waited for (up to WEBHOOK_TIMEOUT_MS). An `in_channel` answer ' +
      'is posted to the room as the command’s bot (`new_message`, and `message` in the ack); an ' +
      '`ephemeral` one reaches the caller only (the ack, and `command_response` on the caller’s ' +
      'sockets and SSE streams). A name not available in the room is E_UNKNOWN_COMMAND; an endpoint ' +
      'that fails, times out or answers something invalid is E_COMMAND_FAILED; end-to-end encrypted ' +
      'rooms refuse commands (E_COMMAND_UNAVAILABLE). Spends the send budget. The same as ' +
      '`POST /chat/rooms/{roomId}/commands`.',
    payload: obj({
      'roomId': uuid(),
      'command': str({ minLength: 1, maxLength: 33 }),
      'args?': str({ maxLength: 4000 }),
    }),
    example: { roomId: ids.group, command: 'deploy', args: 'api 1.4.2' },
    ack: ref('CommandResult'),
    ackExample: {
      command: 'deploy',
      responseType: 'ephemeral',
      text: 'Deploying api 1.4.2…',
      message: null,
    },
    errors: [
      'E_UNKNOWN_COMMAND',
      'E_COMMAND_FAILED',
      'E_COMMAND_UNAVAILABLE',
      'E_BOT_NOT_IN_ROOM',
      'E_ROOM_ARCHIVED',
      'E_MEMBER_MUTED',
    ],
  },
  add_reaction: {
    summary: 'React to a message with one Unicode emoji',
    description:
      'Any member of the room; adding the same emoji twice changes nothing. The ack carries the ' +
      'message as the caller now sees it, then `reaction_added` goes to the room. The same as ' +
      '`POST /chat/messages/{messageId}/reactions`.',
    payload: reactionRef,
    example: reactionRefExample,
    ack: ref('Message'),
    ackExample: reactedExample,
    errors: ['E_MESSAGE_DELETED', 'E_ROOM_ARCHIVED', 'E_TOO_MANY_REACTIONS', 'E_KEYRING_STALE'],
  },
  remove_reaction: {
    summary: 'Take one’s own reaction back',
    description:
      'The ack carries the message as the caller now sees it, then `reaction_removed` goes to ' +
      'the room. The same as `DELETE /chat/messages/{messageId}/reactions/{emoji}`.',
    payload: reactionRef,
    example: reactionRefExample,
    ack: ref('Message'),
    ackExample: messageExample,
    errors: ['E_KEYRING_STALE'],
  },
  pin_message: {
    summary: 'Pin a message (room admins and moderators and up; the author in a direct room)',
    description:
      'Pinning a pinned message changes nothing. The ack carries the message with its `pin`, ' +
      'then `message_pinned` goes to the room. The same as `PUT /chat/messages/{messageId}/pin`.',
    payload: messageRef,
    example: messageRefExample,
    ack: ref('Message'),
    ackExample: {
      ...messageExample,
      pin: { pinnedAt: '2026-12-04T09:32:00.000Z', pinnedById: ids.ann },
    },
    errors: [
      'E_FORBIDDEN',
      'E_MESSAGE_DELETED',
      'E_ROOM_ARCHIVED',
      'E_TOO_MANY_PINS',
      'E_KEYRING_STALE',
    ],
  },
  unpin_message: {
    summary: 'Unpin a message',
    description:
      'The ack carries the message id, then `message_unpinned` goes to the room. The same as ' +
      '`DELETE /chat/messages/{messageId}/pin`.',
    payload: messageRef,
    example: messageRefExample,
    ack: messageRef,
    ackExample: messageRefExample,
    errors: ['E_FORBIDDEN'],
  },
  typing_start: {
    summary: 'Tell the room’s other members the user is typing',
    description:
      'Repeat it every few seconds while typing; the state expires on its own. Only a socket ' +
      'that is in the room’s broadcasts may type there (otherwise E_NOT_FOUND).',
    payload: roomRef,
    example: roomRefExample,
    ack: roomRef,
    ackExample: roomRefExample,
    errors: [],
  },
  typing_stop: {
    summary: 'The user stopped typing',
    description: 'Disconnecting stops typing everywhere at once.',
    payload: roomRef,
    example: roomRefExample,
    ack: roomRef,
    ackExample: roomRefExample,
    errors: [],
  },
  mark_as_read: {
    summary: 'Move the read pointer forward (never back)',
    description:
      'By `seq`, or by the id of the message read up to. `message_read` goes to the room. The ' +
      'same pointer as `POST /chat/rooms/{roomId}/read`.',
    payload: {
      oneOf: [
        obj({ roomId: uuid(), seq: int({ minimum: 0 }) }),
        obj({ roomId: uuid(), messageId: uuid() }),
      ],
    },
    example: { roomId: ids.group, seq: 42 },
    ack: obj({ roomId: uuid(), lastReadSeq: int({ minimum: 0 }) }),
    ackExample: { roomId: ids.group, lastReadSeq: 42 },
    errors: [],
  },
  switch_organization: {
    summary: 'Move this socket to another organization of the user',
    description:
      'The socket leaves the current organization’s rooms and enters the other one’s; its ' +
      'presence moves along. Also emits `organization_switched`.',
    payload: obj({ organizationId: uuid() }),
    example: { organizationId: ids.org },
    ack: socketContext,
    ackExample: socketContextExample,
    errors: [],
  },
  sync: {
    summary: 'Catch up after a reconnect: every change after each room’s cursor',
    description:
      'A cursor is a room’s **change counter** (`cursor` of the last sync, `meta.syncCursor` of ' +
      '`GET /chat/rooms/{roomId}/messages`), not a message seq: edits and deletes bump it too, ' +
      'so the changed message comes back with its new `versionSeq`. Send 0 for a room never ' +
      `synced. Up to ${MAX_SYNC_ROOMS} rooms and 100 changes per room per call; \`hasMore\` asks ` +
      'for another call from `cursor`. A foreign or unknown room gets its own E_NOT_FOUND entry. ' +
      'With `roomsAfter` (the cursor of `GET /chat/rooms?after=`), rooms joined, changed or left ' +
      'since come back in `roomList`.',
    payload: obj({
      'rooms': {
        type: 'object',
        description: 'Room id → the last cursor the client holds for it',
        additionalProperties: int({ minimum: 0 }),
        maxProperties: MAX_SYNC_ROOMS,
      },
      'roomsAfter?': int({ minimum: 0 }),
    }),
    example: { rooms: { [ids.group]: 55, [ids.dm]: 0 }, roomsAfter: 12 },
    ack: obj({
      'rooms': { type: 'object', additionalProperties: syncRoom },
      'roomList?': obj({
        rooms: list(ref('Room')),
        removed: list(uuid(), { description: 'Rooms the user is no longer in' }),
        cursor: int({ minimum: 0 }),
      }),
    }),
    ackExample: {
      rooms: {
        [ids.group]: {
          ok: true,
          data: { messages: [{ ...messageExample, versionSeq: 57 }], hasMore: false, cursor: 57 },
        },
        [ids.dm]: { ok: true, data: { messages: [], hasMore: false, cursor: 3 } },
      },
      roomList: { rooms: [roomExample], removed: [], cursor: 14 },
    },
    errors: [],
  },
}
