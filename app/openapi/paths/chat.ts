import { MAX_CONTENT_LENGTH } from '#validators/chat'
import {
  bool,
  data,
  int,
  list,
  nullable,
  obj,
  op,
  page,
  ref,
  str,
  uuid,
  type Paths,
} from '../builder.js'

/* Operations of the chat, media, notifications and SSE routes. */

const paging = { page: int({ minimum: 1 }), perPage: int({ minimum: 1, maximum: 100 }) }
const content = str({ minLength: 1, maxLength: MAX_CONTENT_LENGTH })

const chat = (path: string) => `/chat${path}`
const roomResult = data(ref('Room'))

const rooms: Paths = {
  [chat('/rooms')]: {
    get: op(chat('/rooms'), {
      tag: 'chat',
      summary: 'My rooms by latest activity; with `after`, those changed since a cursor',
      org: true,
      query: { after: int({ minimum: 0 }) },
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
      tag: 'chat',
      summary: 'Create a group room (owner, admin, moderator)',
      description: 'Limited per user with direct rooms (ROOM_CREATE_RATE_PER_HOUR): 429.',
      org: true,
      body: obj({
        'name': str({ maxLength: 100 }),
        'description?': str({ maxLength: 1000 }),
        'memberIds': list(uuid(), { maxItems: 500 }),
        'encrypted?': bool(),
      }),
      ok: { 201: roomResult },
      errors: [403, 429],
    }),
  },
  [chat('/rooms/{roomId}')]: {
    get: op(chat('/rooms/{roomId}'), {
      tag: 'chat',
      summary: 'A room the caller is in',
      org: true,
      ok: { 200: roomResult },
      errors: [503],
    }),
    patch: op(chat('/rooms/{roomId}'), {
      tag: 'chat',
      summary: 'Rename, describe or archive a group room (room admins, moderators+)',
      org: true,
      body: obj({
        'name?': str({ maxLength: 100 }),
        'description?': nullable(str({ maxLength: 1000 })),
        'archived?': bool(),
      }),
      ok: { 200: roomResult },
      errors: [403, 409, 503],
    }),
  },
  [chat('/rooms/{roomId}/members')]: {
    post: op(chat('/rooms/{roomId}/members'), {
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
      tag: 'chat',
      summary: 'Remove a member (room admins, moderators+, or oneself)',
      org: true,
      ok: { 204: null },
      errors: [403, 409],
    }),
  },
  [chat('/rooms/{roomId}/read')]: {
    post: op(chat('/rooms/{roomId}/read'), {
      tag: 'chat',
      summary: 'Move the read pointer forward',
      org: true,
      body: obj({ seq: int({ minimum: 0 }) }),
      ok: { 200: data(obj({ roomId: uuid(), lastReadSeq: int({ minimum: 0 }) })) },
    }),
  },
  [chat('/rooms/{roomId}/mute')]: {
    put: op(chat('/rooms/{roomId}/mute'), {
      tag: 'notifications',
      summary: 'Mute or unmute a room’s notifications and pushes',
      org: true,
      body: obj({ muted: bool() }),
      ok: { 200: data(obj({ roomId: uuid(), muted: bool() })) },
    }),
  },
  [chat('/rooms/{roomId}/messages')]: {
    get: op(chat('/rooms/{roomId}/messages'), {
      tag: 'chat',
      summary: 'Messages by seq (`before`), or every change after a cursor (`after`)',
      org: true,
      query: {
        before: int({ minimum: 0 }),
        after: int({ minimum: 0 }),
        limit: int({ minimum: 1, maximum: 100 }),
      },
      ok: { 200: obj({ data: list(ref('Message')), meta: ref('MessageCursorMeta') }) },
      errors: [503],
    }),
  },
  [chat('/messages')]: {
    post: op(chat('/messages'), {
      tag: 'chat',
      summary: 'Send (201; a retry with the same clientMessageId answers 200)',
      org: true,
      description:
        'Plaintext rooms take `content`; end-to-end encrypted rooms (plugin e2e-keys) take ' +
        '`ciphertext`, `iv`, `keyVersion` and `algorithm` instead, and explicit `mentions`.',
      body: {
        anyOf: [
          obj({
            'roomId': uuid(),
            'content': content,
            'replyToId?': uuid(),
            'clientMessageId?': uuid(),
            'mentions?': list(uuid(), { maxItems: 100 }),
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
          }),
        ],
      },
      ok: { 200: data(ref('Message')), 201: data(ref('Message')) },
      errors: [409, 429, 503],
    }),
  },
  [chat('/messages/{messageId}')]: {
    put: op(chat('/messages/{messageId}'), {
      tag: 'chat',
      summary: 'Edit one’s own message (history is kept)',
      org: true,
      body: obj({ content }),
      ok: { 200: data(ref('Message')) },
      errors: [403, 409, 503],
    }),
    delete: op(chat('/messages/{messageId}'), {
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
      tag: 'media',
      summary: 'A message’s files, with signed URLs',
      org: true,
      ok: { 200: data(list(ref('Media'))) },
    }),
  },
  '/media/{mediaId}': {
    get: op('/media/{mediaId}', {
      tag: 'media',
      summary: 'A file’s details and a signed download URL valid for 5 minutes',
      org: true,
      ok: { 200: data(ref('Media')) },
    }),
    delete: op('/media/{mediaId}', {
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
  const query = (name: string, required = false) => ({ name, in: 'query', required, schema: str() })
  operation.parameters = [
    { name: 'organizationId', in: 'path', required: true, schema: uuid() },
    { name: 'roomId', in: 'path', required: true, schema: uuid() },
    { name: 'file', in: 'path', required: true, schema: file },
    query('signature', true),
    query('contentType'),
    query('contentDisposition'),
  ]
  return operation
}

const notifications: Paths = {
  '/notifications': {
    get: op('/notifications', {
      tag: 'notifications',
      summary: 'My notifications in the organization, newest first',
      org: true,
      query: { ...paging, unread: bool() },
      ok: { 200: page(ref('Notification')) },
    }),
  },
  '/notifications/unread-count': {
    get: op('/notifications/unread-count', {
      tag: 'notifications',
      summary: 'How many are unread',
      org: true,
      ok: { 200: data(obj({ count: int({ minimum: 0 }) })) },
    }),
  },
  '/notifications/read-all': {
    put: op('/notifications/read-all', {
      tag: 'notifications',
      summary: 'Mark all read',
      org: true,
      ok: { 200: data(obj({ updated: int({ minimum: 0 }) })) },
    }),
  },
  '/notifications/{notificationId}/read': {
    put: op('/notifications/{notificationId}/read', {
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
      tag: 'realtime',
      summary: 'The SSE stream (Transmit); `uid` and the token may go in the query',
      query: { uid: str(), token: str() },
      ok: { 200: { content: { 'text/event-stream': str() } } },
      errors: [404],
    }),
  },
  '/__transmit/subscribe': {
    post: op('/__transmit/subscribe', {
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
      tag: 'realtime',
      summary: 'Unsubscribe from a channel',
      body: obj({ uid: str(), channel: str() }),
      ok: { 204: null },
      errors: [404],
    }),
  },
}

/** Chat, media, notifications and SSE operations. */
export const chatPaths: Paths = { ...rooms, ...media, ...notifications, ...sse }
