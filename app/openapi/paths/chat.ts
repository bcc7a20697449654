import { MAX_CONTENT_LENGTH } from '#validators/chat'
import {
  bool,
  data,
  described,
  int,
  list,
  nullable,
  obj,
  op,
  page,
  paging,
  ref,
  str,
  uuid,
  type Schema,
  type Paths,
} from '../builder.js'
import { ids } from '../examples.js'

/* Operations of the chat, media, notifications and SSE routes. */

const content = str({ minLength: 1, maxLength: MAX_CONTENT_LENGTH })

const chat = <Path extends string>(path: Path) => `/chat${path}` as const
const roomResult = data(ref('Room'))

const rooms: Paths = {
  [chat('/rooms')]: {
    get: op(chat('/rooms'), {
      operationId: 'listRooms',
      description:
        'Without `after`: every room of the caller. With `after` (the `meta.cursor` of an earlier call): only rooms joined, changed or left since, `removed` listing those left.',
      tag: 'chat',
      summary: 'My rooms by latest activity; with `after`, those changed since a cursor',
      org: true,
      query: {
        after: described(
          int({ minimum: 0 }),
          'The `meta.cursor` of an earlier call: only rooms changed since'
        ),
      },
      ok: {
        200: obj({
          data: list(ref('Room')),
          meta: obj({ cursor: int({ minimum: 0 }), removed: list(uuid()) }),
        }),
      },
      errors: [503],
    }),
  },
  [chat('/rooms/direct')]: {
    post: op(chat('/rooms/direct'), {
      operationId: 'openDirectRoom',
      requestExample: { userId: ids.bob },
      tag: 'chat',
      summary: 'Open the DM with a member (201 the first time, then 200)',
      description: 'Limited per user with group rooms (ROOM_CREATE_RATE_PER_HOUR): 429.',
      org: true,
      body: obj({ userId: uuid() }),
      ok: { 200: roomResult, 201: roomResult },
      errors: [429, 503],
    }),
  },
  [chat('/rooms/group')]: {
    post: op(chat('/rooms/group'), {
      operationId: 'createGroupRoom',
      requestExample: { name: 'release', description: 'Shipping 2.0', memberIds: [ids.bob] },
      tag: 'chat',
      summary: 'Create a group room (owner, admin, moderator)',
      description: 'Limited per user with direct rooms (ROOM_CREATE_RATE_PER_HOUR): 429.',
      org: true,
      body: obj({
        'name': str({ maxLength: 100 }),
        'description?': str({ maxLength: 1000 }),
        'memberIds': list(uuid(), { maxItems: 500 }),
        'encrypted?': bool(),
        'visibility?': str({
          enum: ['private', 'public'],
          description:
            'public: every member of the organization can find and join it (not with encrypted: 422)',
        }),
      }),
      ok: { 201: roomResult },
      errors: [403, 429],
    }),
  },
  [chat('/rooms/{roomId}')]: {
    get: op(chat('/rooms/{roomId}'), {
      operationId: 'getRoom',
      description: 'The room with its members, the caller’s read pointer and unread count.',
      tag: 'chat',
      summary: 'A room the caller is in',
      org: true,
      ok: { 200: roomResult },
      errors: [503],
    }),
    patch: op(chat('/rooms/{roomId}'), {
      operationId: 'updateRoom',
      description:
        'Sends `room_updated` to the members. Direct rooms cannot change (409 E_DIRECT_ROOM_FIXED).',
      requestExample: { name: 'release-2', archived: false },
      tag: 'chat',
      summary: 'Rename, describe or archive a group room (room admins, moderators+)',
      org: true,
      body: obj({
        'name?': str({ maxLength: 100 }),
        'description?': nullable(str({ maxLength: 1000 })),
        'archived?': bool(),
        'visibility?': str({ enum: ['private', 'public'] }),
      }),
      ok: { 200: roomResult },
      errors: [403, 409, 503],
    }),
  },
  [chat('/rooms/{roomId}/members')]: {
    post: op(chat('/rooms/{roomId}/members'), {
      operationId: 'addRoomMembers',
      description:
        'Users must be members of the organization; sends `room_member_added`. In encrypted rooms the key version becomes stale.',
      requestExample: { userIds: [ids.cat] },
      tag: 'chat',
      summary: 'Add members (room admins, moderators+)',
      org: true,
      body: obj({ userIds: list(uuid(), { minItems: 1, maxItems: 500 }) }),
      ok: { 200: roomResult },
      errors: [403, 409, 503],
    }),
  },
  [chat('/rooms/{roomId}/members/{memberId}')]: {
    delete: op(chat('/rooms/{roomId}/members/{memberId}'), {
      operationId: 'removeRoomMember',
      description: 'Their sockets and streams leave the room at once; sends `room_member_removed`.',
      tag: 'chat',
      summary: 'Remove a member (room admins, moderators+, or oneself)',
      org: true,
      ok: { 204: null },
      errors: [403, 409],
    }),
  },
  [chat('/rooms/{roomId}/read')]: {
    post: op(chat('/rooms/{roomId}/read'), {
      operationId: 'markRoomRead',
      description:
        'Read receipts: the pointer only moves forward; sends `message_read` to the room.',
      requestExample: { seq: 42 },
      tag: 'chat',
      summary: 'Move the read pointer forward',
      org: true,
      body: obj({ seq: int({ minimum: 0 }) }),
      ok: { 200: data(obj({ roomId: uuid(), lastReadSeq: int({ minimum: 0 }) })) },
    }),
  },
  [chat('/rooms/{roomId}/mute')]: {
    put: op(chat('/rooms/{roomId}/mute'), {
      operationId: 'muteRoom',
      description:
        'A muted room sends the caller no notifications or pushes; unread counts still move.',
      requestExample: { muted: true },
      tag: 'notifications',
      summary: 'Mute or unmute a room’s notifications and pushes',
      org: true,
      body: obj({ muted: bool() }),
      ok: { 200: data(obj({ roomId: uuid(), muted: bool() })) },
    }),
  },
  [chat('/rooms/{roomId}/messages')]: {
    get: op(chat('/rooms/{roomId}/messages'), {
      operationId: 'listMessages',
      description:
        '`before=<seq>` pages back through history by message seq. `after=<cursor>` returns every message created, edited or deleted after that point of the room’s change counter (`meta.syncCursor`), oldest change first: the REST form of the socket `sync`.',
      tag: 'chat',
      summary: 'Messages by seq (`before`), or every change after a cursor (`after`)',
      org: true,
      query: {
        before: described(int({ minimum: 0 }), 'Messages with a seq below this one (history)'),
        after: described(
          int({ minimum: 0 }),
          'A change cursor (`meta.syncCursor`): every change after it (sync)'
        ),
        limit: described(int({ minimum: 1, maximum: 100 }), 'At most this many (default 50)'),
      },
      ok: { 200: obj({ data: list(ref('Message')), meta: ref('MessageCursorMeta') }) },
      errors: [503],
    }),
  },
  [chat('/messages')]: {
    post: op(chat('/messages'), {
      operationId: 'sendMessage',
      requestExample: {
        roomId: ids.group,
        content: 'Hello @bob, the build is green',
        clientMessageId: ids.clientMessage,
      },
      tag: 'chat',
      summary: 'Send (201; a retry with the same clientMessageId answers 200)',
      org: true,
      description:
        'Plaintext rooms take `content`; end-to-end encrypted rooms (plugin e2e-keys) take ' +
        '`ciphertext`, `iv`, `keyVersion` and `algorithm` instead, and explicit `mentions`. ' +
        'A reply (`replyToId`) joins the thread of the message it answers and is also sent to ' +
        'the room; with `threadOnly: true` it stays in the thread: it is left out of the ' +
        "room's history pages, room-list last message and unread counts, and still reaches the " +
        "room's members live and through `?after=` / `sync`, marked `threadOnly`, so that open " +
        'threads stay exact (clients file it under its thread, not in the timeline).',
      body: {
        anyOf: [
          obj({
            'roomId': uuid(),
            'content': content,
            'replyToId?': uuid(),
            'clientMessageId?': uuid(),
            'mentions?': list(uuid(), { maxItems: 100 }),
            'threadOnly?': bool(),
          }),
          obj({
            'roomId': uuid(),
            'ciphertext': str(),
            'iv': str(),
            'keyVersion': int({ minimum: 1 }),
            'algorithm': str(),
            'replyToId?': uuid(),
            'clientMessageId?': uuid(),
            'mentions?': list(uuid(), { maxItems: 100 }),
            'threadOnly?': bool(),
          }),
        ],
      },
      ok: { 200: data(ref('Message')), 201: data(ref('Message')) },
      errors: [409, 429, 503],
    }),
  },
  [chat('/messages/{messageId}')]: {
    put: op(chat('/messages/{messageId}'), {
      operationId: 'editMessage',
      description: 'The author only; sends `message_edited` and bumps the room’s change counter.',
      requestExample: { content: 'Hello @bob, the build is green again' },
      tag: 'chat',
      summary: 'Edit one’s own message (history is kept)',
      org: true,
      body: obj({ content }),
      ok: { 200: data(ref('Message')) },
      errors: [403, 409, 503],
    }),
    delete: op(chat('/messages/{messageId}'), {
      operationId: 'deleteMessage',
      description:
        'Soft delete: sends `message_deleted`; the message stays as a tombstone in history and sync.',
      tag: 'chat',
      summary: 'Delete (author, or moderator+); content and media go, seq stays',
      org: true,
      ok: { 204: null },
      errors: [403],
    }),
  },
}

const media: Paths = {
  '/media/upload/{messageId}': {
    post: op('/media/upload/{messageId}', {
      operationId: 'uploadMedia',
      description:
        'Multipart field `file`, streamed; the type is judged by the file’s bytes against the allowed list. Sends `media_added`.',
      tag: 'media',
      summary: 'Attach a file (≤ 100 MB; type judged by its bytes) to one’s message',
      org: true,
      upload: true,
      ok: { 201: data(ref('Media')) },
      errors: [403, 413, 415, 429],
    }),
  },
  '/media/message/{messageId}': {
    get: op('/media/message/{messageId}', {
      operationId: 'listMessageMedia',
      description:
        'Every file of a message in a room the caller is in, each with short-lived signed URLs.',
      tag: 'media',
      summary: 'A message’s files, with signed URLs',
      org: true,
      ok: { 200: data(list(ref('Media'))) },
    }),
  },
  '/media/{mediaId}': {
    get: op('/media/{mediaId}', {
      operationId: 'getMedia',
      description:
        'A signed URL is a bearer capability: anyone holding it may download until it expires.',
      tag: 'media',
      summary: 'A file’s details and a signed download URL valid for 5 minutes',
      org: true,
      ok: { 200: data(ref('Media')) },
    }),
    delete: op('/media/{mediaId}', {
      operationId: 'deleteMedia',
      description: 'Removes the file and its thumbnail from storage.',
      tag: 'media',
      summary: 'Delete a file (uploader, or moderator+)',
      org: true,
      ok: { 204: null },
      errors: [403],
    }),
  },
  '/media/files/{organizationId}/{roomId}/{file}': {
    get: signedDownload(),
  },
}

/**
 * GET on a signed media URL (`url` and `thumbnailUrl` of a Media): the key
 * `<organizationId>/<roomId>/<mediaId>` (a thumbnail's file is
 * `<mediaId>.thumb.webp`) and the query Drive signed. Any other path under
 * /media/files/ is a 404.
 */
function signedDownload() {
  const operation = op('/media/files/{organizationId}/{roomId}/{file}', {
    operationId: 'downloadSignedMedia',
    params: { file: 'The file id, or `<id>.thumb.webp` for its thumbnail' },
    tag: 'media',
    summary: 'Download through a signed URL (no token; 401 once expired or altered)',
    description:
      'Served with `X-Content-Type-Options: nosniff` and `Content-Security-Policy: sandbox`; ' +
      'inline only for raster images, audio and video, as an attachment otherwise.',
    auth: false,
    ok: {
      200: { content: { '*/*': str({ contentMediaType: 'application/octet-stream' }) } },
      304: null,
    },
    errors: [401],
  })
  const file = str({ pattern: '^[0-9a-f-]{36}(\\.thumb\\.webp)?$' })
  const query = (name: string, description: string, required = false) => ({
    name,
    in: 'query',
    required,
    description,
    schema: str(),
  })
  const path = (name: string, description: string, schema: Schema) => ({
    name,
    in: 'path',
    required: true,
    description,
    schema,
  })
  operation.parameters = [
    path('organizationId', 'The organization of the file', uuid()),
    path('roomId', 'The room of the file', uuid()),
    path('file', 'The file id, or `<id>.thumb.webp` for its thumbnail', file),
    query('signature', 'The signature Parley issued (as given in the URL)', true),
    query('contentType', 'Signed response content type (as given in the URL)'),
    query('contentDisposition', 'Signed response disposition (as given in the URL)'),
  ]
  return operation
}

const notifications: Paths = {
  '/notifications': {
    get: op('/notifications', {
      operationId: 'listNotifications',
      description:
        'Mentions, thread replies and messages in unmuted rooms, newest first; `unread=true` for unread only.',
      tag: 'notifications',
      summary: 'My notifications in the organization, newest first',
      org: true,
      query: { ...paging, unread: described(bool(), 'Only unread ones') },
      ok: { 200: page(ref('Notification')) },
    }),
  },
  '/notifications/unread-count': {
    get: op('/notifications/unread-count', {
      operationId: 'countUnreadNotifications',
      description: 'The number of unread notifications of the caller in the organization.',
      tag: 'notifications',
      summary: 'How many are unread',
      org: true,
      ok: { 200: data(obj({ count: int({ minimum: 0 }) })) },
    }),
  },
  '/notifications/read-all': {
    put: op('/notifications/read-all', {
      operationId: 'markAllNotificationsRead',
      description:
        'Marks every unread notification of the caller in the organization read; answers how many changed.',
      tag: 'notifications',
      summary: 'Mark all read',
      org: true,
      ok: { 200: data(obj({ updated: int({ minimum: 0 }) })) },
    }),
  },
  '/notifications/{notificationId}/read': {
    put: op('/notifications/{notificationId}/read', {
      operationId: 'markNotificationRead',
      description: 'Marks one notification of the caller read.',
      tag: 'notifications',
      summary: 'Mark one read',
      org: true,
      ok: { 200: data(ref('Notification')) },
    }),
  },
}

const sse: Paths = {
  '/__transmit/events': {
    get: op('/__transmit/events', {
      operationId: 'openEventStream',
      description:
        'Server-sent events (`text/event-stream`): each `data:` line is `{ channel, payload: { event, data } }`. Subscribe channels with `POST /__transmit/subscribe` using the same `uid`. /asyncapi.json lists the channels and events.',
      tag: 'realtime',
      summary: 'The SSE stream (Transmit); `uid` and the token may go in the query',
      query: {
        uid: described(str(), 'A UUID the client generates for this stream'),
        token: described(str(), 'The access token, for clients that cannot set headers'),
      },
      ok: { 200: { content: { 'text/event-stream': str() } } },
      errors: [404],
    }),
  },
  '/__transmit/subscribe': {
    post: op('/__transmit/subscribe', {
      operationId: 'subscribeChannel',
      requestExample: { uid: ids.clientMessage, channel: `orgs/${ids.org}/rooms/${ids.group}` },
      tag: 'realtime',
      summary:
        'Subscribe to `users/<id>`, `orgs/<orgId>` or `orgs/<orgId>/rooms/<roomId>` (foreign: 404)',
      description: 'A foreign channel, or a `uid` with no open stream on this node, is 404.',
      body: obj({ uid: str(), channel: str() }),
      ok: { 204: null },
      errors: [404],
    }),
  },
  '/__transmit/unsubscribe': {
    post: op('/__transmit/unsubscribe', {
      operationId: 'unsubscribeChannel',
      description: 'Stops a channel’s events on the stream of `uid`.',
      requestExample: { uid: ids.clientMessage, channel: `orgs/${ids.org}/rooms/${ids.group}` },
      tag: 'realtime',
      summary: 'Unsubscribe from a channel',
      body: obj({ uid: str(), channel: str() }),
      ok: { 204: null },
      errors: [404],
    }),
  },
}

const publicRoom = obj({
  id: uuid(),
  name: nullable(str()),
  description: nullable(str()),
  memberCount: int({ minimum: 0 }),
  joined: bool(),
  lastMessageAt: nullable(str({ format: 'date-time' })),
  createdAt: str({ format: 'date-time' }),
})
const publicRoomExample = {
  id: '0b7e8f7e-4b8a-4c55-9d38-7d1f5f1f2a10',
  name: 'Announcements',
  description: 'News for everyone at Acme',
  memberCount: 12,
  joined: false,
  lastMessageAt: '2026-12-04T09:30:00.000Z',
  createdAt: '2026-11-02T08:00:00.000Z',
}

const publicRooms: Paths = {
  [chat('/public-rooms')]: {
    get: op(chat('/public-rooms'), {
      operationId: 'listPublicRooms',
      tag: 'chat',
      summary: 'Browse the public rooms of the organization',
      description:
        'Group rooms whose visibility is public and that are not archived, by name, with their member count and whether the caller is in them. Private rooms and other organizations’ rooms never appear. Any member of the organization may browse.',
      org: true,
      query: {
        search: described(str({ maxLength: 100 }), 'Only rooms whose name contains this'),
        ...paging,
      },
      ok: { 200: page(publicRoom) },
      example: {
        data: [publicRoomExample],
        meta: { total: 1, perPage: 50, currentPage: 1, lastPage: 1 },
      },
    }),
  },
  [chat('/rooms/{roomId}/join')]: {
    post: op(chat('/rooms/{roomId}/join'), {
      operationId: 'joinPublicRoom',
      tag: 'chat',
      summary: 'Join a public room',
      description:
        'Any member of the organization may join a public group room: 201 when joined now, 200 when already a member (the room as members see it). A private, archived or unknown room, or another organization’s, is 404: joining never reveals that a private room exists. Members see `room_member_added` and the joiner’s sockets join the room at once.',
      org: true,
      ok: { 201: roomResult, 200: roomResult },
      errors: [503],
    }),
  },
}

/** Chat, media, notifications and SSE operations. */
export const chatPaths: Paths = { ...rooms, ...publicRooms, ...media, ...notifications, ...sse }
