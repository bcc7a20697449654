import type { ServerToClientEvents } from '#realtime/socket_events'
import { ROLES } from '#models/membership'
import { int, list, obj, ref, str, time, uuid, type Schema } from '../builder.js'
import { schemas } from '../schemas.js'
import {
  ids,
  messageExample,
  notificationExample,
  roomMediaExample,
  sharedRoomExample,
} from '../examples.js'
import { ackErrorFields, type ServerEventSpec } from './event_spec.js'
import { socketContext, socketContextExample } from './client_events.js'

/*
 * Every server→client event (DESIGN.md §6), for the AsyncAPI document. Each
 * carries exactly one argument, its payload. Keyed by ServerToClientEvents:
 * an event the gateway types but this table lacks fails `tsc`. `delivery`
 * names the SSE channels the fan-out table sends it on.
 */

const messageProps = schemas.Message.properties as Record<string, { anyOf: Schema[] }>
/** A message's thread summary and link preview, as in the Message schema. */
const thread = messageProps.thread
const preview = messageProps.preview.anyOf[0]

const role = str({ enum: [...ROLES] })
const typing = obj({ roomId: uuid(), userId: uuid() })
const presence = obj({ organizationId: uuid(), userId: uuid(), lastSeenAt: time() })
const reaction = obj({
  roomId: uuid(),
  messageId: uuid(),
  userId: uuid(),
  emoji: str(),
  count: int({ minimum: 0, description: 'How many reacted with this emoji now' }),
  versionSeq: int({ minimum: 1 }),
})
const orgMember = obj({ organizationId: uuid(), userId: uuid(), role })

const typingExample = { roomId: ids.group, userId: ids.bob }
const presenceExample = {
  organizationId: ids.org,
  userId: ids.bob,
  lastSeenAt: messageExample.createdAt,
}
const reactionExample = {
  roomId: ids.group,
  messageId: ids.message,
  userId: ids.bob,
  emoji: '👍',
  count: 1,
  versionSeq: 58,
}

const room = (summary: string, description: string, payload: Schema, example: unknown) =>
  ({ summary, description, payload, example, delivery: ['room'] }) satisfies ServerEventSpec

/** Every server→client event. */
export const serverEvents: { [Event in keyof ServerToClientEvents]: ServerEventSpec } = {
  connected: {
    summary: 'The handshake succeeded: who the socket is and which rooms it is in',
    description: 'First event of every connection, after the server joined the user’s rooms.',
    payload: socketContext,
    example: socketContextExample,
    delivery: 'socket',
  },
  joined_room: {
    summary: 'Answer to `join_room`',
    description: 'The socket now receives the room’s events.',
    payload: obj({ roomId: uuid() }),
    example: { roomId: ids.group },
    delivery: 'socket',
  },
  left_room: {
    summary: 'Answer to `leave_room`',
    description: 'The socket no longer receives the room’s events.',
    payload: obj({ roomId: uuid() }),
    example: { roomId: ids.group },
    delivery: 'socket',
  },
  organization_switched: {
    summary: 'Answer to `switch_organization`: where the socket now is',
    description: 'The same shape as `connected`.',
    payload: socketContext,
    example: socketContextExample,
    delivery: 'socket',
  },
  error: {
    summary: 'A client→server event sent without an ack failed',
    description:
      'With an ack callback the failure comes in the ack instead; `event` names the event.',
    payload: obj({
      event: str({ description: 'The client event that failed' }),
      ...ackErrorFields,
    }),
    example: { event: 'send_message', code: 'E_NOT_FOUND', message: 'Room not found' },
    delivery: 'socket',
  },
  new_message: room(
    'A message was sent in a room',
    'Its `seq` is the room’s next message number; `versionSeq` the room’s change counter. ' +
      'A thread reply sent with `threadOnly` carries `threadOnly: true`: show it in its thread only.',
    ref('Message'),
    messageExample
  ),
  message_edited: room(
    'A message was edited (or its content changed)',
    'The whole message with its new `versionSeq`: replace the copy you hold.',
    ref('Message'),
    { ...messageExample, editedAt: '2026-12-04T09:31:00.000Z', versionSeq: 58 }
  ),
  message_deleted: room(
    'A message was deleted',
    'Its seq stays taken; `sync` returns it as a tombstone (`deletedAt`, no content).',
    obj({ messageId: uuid(), roomId: uuid(), seq: int({ minimum: 1 }) }),
    { messageId: ids.message, roomId: ids.group, seq: 42 }
  ),
  message_read: room(
    'A member’s read pointer moved forward',
    'Read receipts: everything up to `seq` was read by `userId`.',
    obj({ roomId: uuid(), userId: uuid(), seq: int({ minimum: 0 }) }),
    { roomId: ids.group, userId: ids.bob, seq: 42 }
  ),
  mentioned: {
    summary: 'The user was mentioned',
    description: 'To the mentioned user only, in any of their organizations.',
    payload: obj({ organizationId: uuid(), roomId: uuid(), message: ref('Message') }),
    example: { organizationId: ids.org, roomId: ids.group, message: messageExample },
    delivery: ['user'],
  },
  user_typing: room(
    'A member is typing',
    'Not sent to the typing user’s own sockets (SSE streams get it: compare `userId`). Expires after a few seconds without a repeat.',
    typing,
    typingExample
  ),
  user_stopped_typing: room('A member stopped typing', 'As `user_typing`.', typing, typingExample),
  user_online: {
    summary: 'A member came online (first socket in the organization)',
    description: '`GET /organizations/{orgId}/presence` gives who is online at connect.',
    payload: presence,
    example: presenceExample,
    delivery: ['org'],
  },
  user_offline: {
    summary: 'A member went offline (last socket gone, after a short grace period)',
    description: '`lastSeenAt` is when they left.',
    payload: presence,
    example: presenceExample,
    delivery: ['org'],
  },
  room_member_added: {
    summary: 'Members were added to a room (or a room was created with them)',
    description:
      'To the room and to each added user; their sockets are already in the room when it arrives.',
    payload: obj({
      organizationId: uuid(),
      roomId: uuid(),
      userIds: list(uuid()),
      room: ref('SharedRoom'),
    }),
    example: {
      organizationId: ids.org,
      roomId: ids.group,
      userIds: [ids.bob],
      room: sharedRoomExample,
    },
    delivery: ['room', 'user'],
  },
  room_member_removed: {
    summary: 'A member left or was removed from a room',
    description: 'To the room and to the removed user, whose sockets and streams already left it.',
    payload: obj({ organizationId: uuid(), roomId: uuid(), userId: uuid() }),
    example: { organizationId: ids.org, roomId: ids.group, userId: ids.bob },
    delivery: ['room', 'user'],
  },
  room_updated: room(
    'A group room was renamed, described, archived or unarchived',
    'Its fields as every member sees them.',
    obj({ organizationId: uuid(), roomId: uuid(), room: ref('SharedRoom') }),
    { organizationId: ids.org, roomId: ids.group, room: sharedRoomExample }
  ),
  room_rekey_required: {
    summary: 'An encrypted room needs a new key version',
    description:
      'Membership or devices changed: sends on `staleVersion` fail with E_ROOM_KEY_STALE until a ' +
      'member uploads envelopes for the next version (plugin e2e-keys).',
    payload: obj({
      organizationId: uuid(),
      roomId: uuid(),
      staleVersion: int({ minimum: 1 }),
      reason: str({ enum: ['member_added', 'member_removed', 'device_revoked'] }),
    }),
    example: {
      organizationId: ids.org,
      roomId: ids.group,
      staleVersion: 3,
      reason: 'member_added',
    },
    delivery: ['user'],
  },
  key_changed: {
    summary: 'A contact registered or revoked a device key',
    description: 'Re-check their key log (`GET /users/{id}/key-log`) before trusting the new key.',
    payload: obj({
      userId: uuid(),
      deviceId: uuid(),
      action: str({ enum: ['register', 'revoke'] }),
      seq: int({ minimum: 1 }),
      hash: str(),
    }),
    example: {
      userId: ids.bob,
      deviceId: ids.device,
      action: 'register',
      seq: 2,
      hash: 'b5bb9d8014a0f9b1d61e21e796d78dccdf1352f23cd32812f4850b878ae4944c',
    },
    delivery: ['user'],
  },
  command_response: {
    summary: 'A slash command’s ephemeral answer',
    description:
      'To the member who ran the command only: their sockets whose current organization is the ' +
      'room’s (not their sockets in other organizations), and their `users/<userId>` SSE channel ' +
      '(an SSE stream has no current organization; filter on `organizationId`). Nobody else sees ' +
      'it and it is not stored.',
    payload: obj({ organizationId: uuid(), roomId: uuid(), command: str(), text: str() }),
    example: {
      organizationId: ids.org,
      roomId: ids.group,
      command: 'deploy',
      text: 'Deploying api 1.4.2…',
    },
    delivery: ['user'],
  },
  notification: {
    summary: 'A notification for the user',
    description: 'The same object `GET /notifications` lists.',
    payload: ref('Notification'),
    example: notificationExample,
    delivery: ['user'],
  },
  media_added: room(
    'A file was attached to a message',
    'Without signed URLs: fetch them with `GET /media/{mediaId}`.',
    obj({ roomId: uuid(), messageId: uuid(), media: ref('Media') }),
    { roomId: ids.group, messageId: ids.message, media: roomMediaExample }
  ),
  reaction_added: room(
    'A reaction was added',
    'With the emoji’s count now.',
    reaction,
    reactionExample
  ),
  reaction_removed: room('A reaction was removed', 'With the emoji’s count now.', reaction, {
    ...reactionExample,
    count: 0,
    versionSeq: 59,
  }),
  message_pinned: room(
    'A message was pinned',
    'The whole message with its `pin`.',
    obj({ roomId: uuid(), message: ref('Message') }),
    {
      roomId: ids.group,
      message: {
        ...messageExample,
        pin: { pinnedAt: messageExample.createdAt, pinnedById: ids.ann },
      },
    }
  ),
  message_unpinned: room(
    'A message was unpinned',
    'Its new `versionSeq`.',
    obj({ roomId: uuid(), messageId: uuid(), versionSeq: int({ minimum: 1 }) }),
    { roomId: ids.group, messageId: ids.message, versionSeq: 60 }
  ),
  thread_updated: room(
    'A reply joined a thread',
    'The root’s new thread summary and `versionSeq`.',
    obj({
      roomId: uuid(),
      rootId: uuid(),
      replyId: uuid(),
      versionSeq: int({ minimum: 1 }),
      thread,
    }),
    {
      roomId: ids.group,
      rootId: ids.message,
      replyId: ids.clientMessage,
      versionSeq: 61,
      thread: { replyCount: 1, lastReplyAt: messageExample.createdAt, participantIds: [ids.bob] },
    }
  ),
  org_member_added: {
    summary: 'Someone joined the organization',
    description: 'Accepted an invite or was added by an admin; fetch the member list for details.',
    payload: orgMember,
    example: { organizationId: ids.org, userId: ids.cat, role: 'member' },
    delivery: ['org'],
  },
  org_member_removed: {
    summary: 'Someone left the organization or was removed from it',
    description: 'The removed user’s own sockets and streams in it are already closed.',
    payload: obj({ organizationId: uuid(), userId: uuid() }),
    example: { organizationId: ids.org, userId: ids.cat },
    delivery: ['org'],
  },
  org_member_role_changed: {
    summary: 'A member’s role changed',
    description: 'The new role.',
    payload: orgMember,
    example: { organizationId: ids.org, userId: ids.bob, role: 'moderator' },
    delivery: ['org'],
  },
  link_preview: room(
    'A link preview was fetched for a message',
    'Its new `versionSeq`.',
    obj({ roomId: uuid(), messageId: uuid(), versionSeq: int({ minimum: 1 }), preview }),
    {
      roomId: ids.group,
      messageId: ids.message,
      versionSeq: 62,
      preview: {
        url: 'https://example.com/release',
        title: 'Release notes',
        description: null,
        imageUrl: null,
        siteName: 'Example',
      },
    }
  ),
}
