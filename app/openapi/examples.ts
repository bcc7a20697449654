/*
 * Example objects of the component schemas, shared by the OpenAPI operations
 * and the AsyncAPI events, so both documents show the same conversation.
 * tests/unit/openapi/examples.spec.ts validates each against its schema: an
 * example that drifts from the shape fails there.
 */

/** Ids the examples share (an organization, three users, two rooms, a message). */
export const ids = {
  org: '4f0c2a9e-6b1d-4c3e-9a7f-2d5b8e1c0a11',
  ann: '0b7c2f1e-3a4d-4e5f-8a9b-1c2d3e4f5a6b',
  bob: '9d8e7f6a-5b4c-4d3e-8f2a-1b0c9d8e7f6a',
  cat: 'c4a1e2b3-d5f6-4a7b-8c9d-0e1f2a3b4c5d',
  dm: '6e2d1c0b-9a8f-4e7d-b6c5-a4b3c2d1e0f9',
  group: 'a1b2c3d4-e5f6-4a1b-9c2d-3e4f5a6b7c8d',
  message: 'f1e2d3c4-b5a6-4978-8a1b-2c3d4e5f6a7b',
  clientMessage: '2b4d6f80-1a3c-4e5f-9a7b-8c9d0e1f2a3b',
  media: '7a6b5c4d-3e2f-4a1b-8c9d-0e1f2a3b4c5e',
  invite: '3c2b1a09-8f7e-4d6c-9b5a-4f3e2d1c0b9a',
  notification: 'e9d8c7b6-a5f4-4e3d-8c2b-1a0f9e8d7c6b',
  device: '5d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a',
}

const at = '2026-12-04T09:30:00.000Z'

/** A user as other members see them. */
export const userExample = {
  id: ids.bob,
  username: 'bob',
  displayName: 'Bob Martin',
  avatarUrl: null,
  lastSeenAt: at,
  isBot: false,
}

/** The caller's own account. */
export const selfExample = {
  id: ids.ann,
  username: 'ann',
  displayName: 'Ann Lee',
  avatarUrl: null,
  lastSeenAt: at,
  isBot: false,
  email: 'ann@example.com',
  activeOrganizationId: ids.org,
  isAdmin: false,
  emailVerified: true,
  twoFactorEnabled: false,
  createdAt: '2026-11-02T08:00:00.000Z',
}

/** An organization, with the caller's role. */
export const organizationExample = {
  id: ids.org,
  name: 'Acme',
  slug: 'acme',
  settings: {
    maxMembers: null,
    allowChannelMentions: true,
    description: null,
    requireTwoFactor: false,
  },
  createdAt: '2026-11-02T08:00:00.000Z',
  role: 'owner',
}

/** A plaintext message (seq 42 of the group room). */
export const messageExample = {
  id: ids.message,
  roomId: ids.group,
  senderId: ids.ann,
  seq: 42,
  versionSeq: 57,
  content: 'Hello @bob, the build is green',
  encrypted: null,
  replyToId: null,
  threadOnly: false,
  clientMessageId: ids.clientMessage,
  mentions: [{ userId: ids.bob, kind: 'user' }],
  reactions: [],
  pin: null,
  thread: null,
  threadRootId: null,
  preview: null,
  editedAt: null,
  deletedAt: null,
  createdAt: at,
}

/** A room as every member sees it (no per-viewer fields). */
export const sharedRoomExample = {
  id: ids.group,
  type: 'group',
  name: 'release',
  description: 'Shipping 2.0',
  encrypted: false,
  visibility: 'private',
  createdById: ids.ann,
  lastSeq: 42,
  lastMessageAt: at,
  archivedAt: null,
  slowModeSeconds: 0,
  createdAt: '2026-11-20T10:00:00.000Z',
  memberCount: 2,
  members: [
    { userId: ids.ann, role: 'admin', user: null },
    { userId: ids.bob, role: 'member', user: userExample },
  ],
  lastMessage: messageExample,
}

/** A room as the caller sees it. */
export const roomExample = {
  ...sharedRoomExample,
  role: 'admin',
  lastReadSeq: 40,
  muted: false,
  unreadCount: 0,
}

/** A file attached to a message, with its signed URLs. */
export const mediaExample = {
  id: ids.media,
  messageId: ids.message,
  roomId: ids.group,
  uploaderId: ids.ann,
  mime: 'image/png',
  size: 48213,
  sha256: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
  name: 'diagram.png',
  width: 800,
  height: 600,
  hasThumbnail: true,
  url: `/media/files/${ids.org}/${ids.group}/${ids.media}?signature=…`,
  thumbnailUrl: `/media/files/${ids.org}/${ids.group}/${ids.media}.thumb.webp?signature=…`,
  urlExpiresAt: '2026-12-04T09:35:00.000Z',
  createdAt: at,
}

/** A file as a room broadcast carries it: never a signed URL. */
export const roomMediaExample = {
  ...mediaExample,
  url: null,
  thumbnailUrl: null,
  urlExpiresAt: null,
}

/** An invite. */
export const inviteExample = {
  id: ids.invite,
  organizationId: ids.org,
  email: 'cat@example.com',
  role: 'member',
  invitedById: ids.ann,
  status: 'pending',
  expiresAt: '2026-12-11T09:30:00.000Z',
  createdAt: at,
  emailSent: true,
  mail: { status: 'sent', attempts: 1, lastError: null, sentAt: at },
}

/** An invite as its creator gets it once: with the token and the link. */
export const inviteWithLinkExample = {
  ...inviteExample,
  token: 'inv_3q2PZ0nA7yK4m1sT8vXbQw',
  link: 'https://chat.example.com/invites/inv_3q2PZ0nA7yK4m1sT8vXbQw',
}

/** A membership of an organization. */
export const membershipExample = {
  userId: ids.bob,
  organizationId: ids.org,
  role: 'member',
  joinedAt: '2026-11-03T08:00:00.000Z',
  user: userExample,
}

/** A notification. */
export const notificationExample = {
  id: ids.notification,
  organizationId: ids.org,
  type: 'mention',
  roomId: ids.group,
  messageId: ids.message,
  actorId: ids.ann,
  data: { preview: 'Hello @bob, the build is green' },
  readAt: null,
  createdAt: at,
}

/** The error shape: one entry per problem. */
export const errorsExample = {
  errors: [
    { code: 'E_VALIDATION_ERROR', message: 'The content field must be defined', field: 'content' },
  ],
}

/** Page metadata of a paginated list. */
export const pageMetaExample = { total: 1, perPage: 20, currentPage: 1, lastPage: 1 }

/** Cursor metadata of a message page. */
export const messageCursorMetaExample = { hasMore: false, cursor: 42, syncCursor: 57 }

/** A health report (one node, no Redis). */
export const healthReportExample = {
  status: 'ok',
  healthy: true,
  uptime: 3600,
  checkedAt: at,
  keyring: {
    currentVersion: 1,
    versions: [1],
    fingerprint: '3f2a9c1b7d4e6a80',
    wrapVersion: 1,
    missingVersions: [],
    degraded: false,
    nodeId: null,
  },
  checks: [{ name: 'database', status: 'ok', message: 'Connected', meta: {} }],
}

const window = (week: number, month: number) => ({ last7Days: week, last30Days: month })

/** Organization analytics. */
export const analyticsExample = {
  members: 12,
  activeUsers: window(9, 11),
  senders: window(7, 10),
  readers: window(8, 11),
  byDoor: { socket: window(8, 10), rest: window(3, 6) },
  rooms: 5,
  messagesPerDay: [{ date: '2026-12-03', count: 148 }],
  busiestRooms: [{ roomId: ids.group, name: 'release', type: 'group', messages: 512 }],
}

/** Component schema name → its example (tests validate each against its schema). */
export const componentExamples: Record<string, unknown> = {
  User: userExample,
  Self: selfExample,
  Organization: organizationExample,
  Message: messageExample,
  Room: roomExample,
  SharedRoom: sharedRoomExample,
  Media: mediaExample,
  Invite: inviteExample,
  InviteWithLink: inviteWithLinkExample,
  Membership: membershipExample,
  Notification: notificationExample,
  Errors: errorsExample,
  PageMeta: pageMetaExample,
  MessageCursorMeta: messageCursorMetaExample,
  HealthReport: healthReportExample,
  Analytics: analyticsExample,
  CommandResult: {
    command: 'deploy',
    responseType: 'in_channel',
    text: 'Deploying api 1.4.2…',
    message: { ...messageExample, content: 'Deploying api 1.4.2…' },
  },
}
