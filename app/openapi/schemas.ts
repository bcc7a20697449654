import { ROLES } from '#models/membership'
import { MAX_CONTENT_LENGTH } from '#validators/chat'
import { bool, int, list, nullable, obj, ref, str, time, uuid, type Schema } from './builder.js'

/*
 * The component schemas: one per transformer (the only JSON shapes a client
 * sees) and the request bodies of the validators. Response objects are
 * closed (`additionalProperties: false`) so an undocumented field fails the
 * response checks in the tests.
 */

const role = (): Schema => str({ enum: [...ROLES] })

const user = obj({
  id: uuid(),
  username: str(),
  displayName: nullable(str()),
  avatarUrl: nullable(str()),
  lastSeenAt: nullable(time()),
  isBot: bool(),
})

const self = obj({
  id: uuid(),
  username: str(),
  displayName: nullable(str()),
  avatarUrl: nullable(str()),
  lastSeenAt: nullable(time()),
  isBot: bool(),
  email: str({ format: 'email' }),
  activeOrganizationId: nullable(uuid()),
  isAdmin: bool(),
  emailVerified: bool(),
  twoFactorEnabled: bool(),
  createdAt: time(),
})

const organization = obj({
  'id': uuid(),
  'name': str(),
  'slug': str(),
  'settings': obj({
    maxMembers: nullable(int()),
    allowChannelMentions: bool(),
    description: nullable(str()),
    requireTwoFactor: bool(),
  }),
  'createdAt': time(),
  'role?': nullable(role()),
})

const message = obj({
  id: uuid(),
  roomId: uuid(),
  /** Null once the sender's account (or bot) was deleted: the message stays. */
  senderId: nullable(uuid()),
  seq: int({ minimum: 1 }),
  versionSeq: int({ minimum: 1 }),
  content: nullable(str({ maxLength: MAX_CONTENT_LENGTH })),
  encrypted: nullable(
    obj({ ciphertext: str(), iv: str(), keyVersion: int({ minimum: 1 }), algorithm: str() })
  ),
  replyToId: nullable(uuid()),
  threadOnly: bool(),
  clientMessageId: nullable(uuid()),
  mentions: list(obj({ userId: nullable(uuid()), kind: str({ enum: ['user', 'here', 'all'] }) })),
  reactions: list(obj({ emoji: str(), count: int({ minimum: 1 }), me: bool() })),
  pin: nullable(obj({ pinnedAt: time(), pinnedById: nullable(uuid()) })),
  thread: nullable(
    obj({
      replyCount: int({ minimum: 1 }),
      lastReplyAt: time(),
      participantIds: list(uuid(), { maxItems: 10 }),
    })
  ),
  threadRootId: nullable(uuid()),
  preview: nullable(
    obj({
      url: str(),
      title: nullable(str()),
      description: nullable(str()),
      imageUrl: nullable(str()),
      siteName: nullable(str()),
    })
  ),
  editedAt: nullable(time()),
  deletedAt: nullable(time()),
  createdAt: time(),
})

const room = obj({
  id: uuid(),
  type: str({ enum: ['direct', 'group'] }),
  name: nullable(str()),
  description: nullable(str()),
  encrypted: bool(),
  visibility: str({
    enum: ['private', 'public'],
    description: 'public: every member of the organization can find and join it',
  }),
  createdById: nullable(uuid()),
  lastSeq: int({ minimum: 0 }),
  lastMessageAt: nullable(time()),
  archivedAt: nullable(time()),
  slowModeSeconds: int({
    minimum: 0,
    description:
      'Members below moderator may send one message per this many seconds (429 E_SLOW_MODE); 0 is off',
  }),
  createdAt: time(),
  memberCount: int({ minimum: 0 }),
  members: list(
    obj({ userId: uuid(), role: str({ enum: ['admin', 'member'] }), user: nullable(ref('User')) })
  ),
  role: nullable(str({ enum: ['admin', 'member'] })),
  lastReadSeq: int({ minimum: 0 }),
  muted: bool(),
  unreadCount: int({ minimum: 0 }),
  lastMessage: nullable(ref('Message')),
})

const media = obj({
  id: uuid(),
  messageId: nullable(uuid()),
  roomId: nullable(uuid()),
  uploaderId: uuid(),
  mime: str(),
  size: int({ minimum: 0 }),
  sha256: str({ pattern: '^[0-9a-f]{64}$' }),
  name: nullable(str()),
  width: nullable(int()),
  height: nullable(int()),
  hasThumbnail: bool(),
  url: nullable(str()),
  thumbnailUrl: nullable(str()),
  urlExpiresAt: nullable(time()),
  createdAt: time(),
})

const invite = obj({
  id: uuid(),
  organizationId: uuid(),
  email: str({ format: 'email' }),
  role: role(),
  invitedById: nullable(uuid()),
  status: str({ enum: ['pending', 'accepted', 'revoked', 'expired'] }),
  expiresAt: time(),
  createdAt: time(),
  emailSent: { ...bool(), description: 'True once the SMTP server accepted the mail.' },
  mail: nullable(
    obj({
      status: str({
        enum: ['logged', 'queued', 'sent', 'failed'],
        description:
          'logged: no SMTP configured, the mail was only written to the server log (pass the link on); queued: waiting to be sent or retried; sent: accepted by the SMTP server; failed: every retry failed.',
      }),
      attempts: int(),
      lastError: nullable(str()),
      sentAt: nullable(time()),
    })
  ),
})

const inviteWithLink = {
  ...invite,
  properties: {
    ...(invite.properties as Record<string, Schema>),
    token: nullable(str()),
    link: nullable(str()),
  },
  required: [...(invite.required as string[]), 'token', 'link'],
}

const membership = obj({
  userId: uuid(),
  organizationId: uuid(),
  role: role(),
  joinedAt: time(),
  user: nullable(ref('User')),
})

const notification = obj({
  id: uuid(),
  organizationId: uuid(),
  type: str({ enum: ['message', 'mention', 'thread'] }),
  roomId: nullable(uuid()),
  messageId: nullable(uuid()),
  actorId: nullable(uuid()),
  data: { type: 'object' },
  readAt: nullable(time()),
  createdAt: time(),
})

const health = obj({
  status: str({ enum: ['ok', 'warning', 'error'] }),
  healthy: bool(),
  uptime: int({ minimum: 0 }),
  checkedAt: time(),
  keyring: nullable(
    obj({
      currentVersion: int({ minimum: 1 }),
      versions: list(int({ minimum: 1 })),
      fingerprint: str({
        pattern: '^[0-9a-f]{16}$',
        description:
          'sha256-based fingerprint of the whole keyring; equal on nodes holding the same keys',
      }),
      wrapVersion: int({
        minimum: 1,
        description:
          'Version new room keys are wrapped under: the newest one every live node holds',
      }),
      missingVersions: list(int({ minimum: 1 }), {
        description:
          'Versions room keys use that this node lacks (requests on them answer 503 E_KEYRING_STALE)',
      }),
      degraded: bool(),
      nodeId: nullable(uuid()),
    })
  ),
  checks: list(obj({ name: str(), status: str(), message: str(), meta: { type: 'object' } })),
})

const activityWindow = obj({ last7Days: int({ minimum: 0 }), last30Days: int({ minimum: 0 }) })

const analytics = obj({
  members: int({ minimum: 0 }),
  activeUsers: {
    ...activityWindow,
    description:
      'Distinct members active in this organization (sent, read, socket or REST use) over the last 7 and 30 UTC days.',
  },
  senders: { ...activityWindow, description: 'Members who sent at least one message.' },
  readers: { ...activityWindow, description: 'Members who marked messages read.' },
  byDoor: obj({ socket: activityWindow, rest: activityWindow }),
  rooms: int({ minimum: 0 }),
  messagesPerDay: list(obj({ date: str({ format: 'date' }), count: int({ minimum: 0 }) })),
  busiestRooms: list(
    obj({
      roomId: uuid(),
      name: nullable(str()),
      type: str(),
      messages: int({ minimum: 1 }),
    }),
    { maxItems: 5, description: 'Most messages over the last 30 days, most first.' }
  ),
})

const errors = obj({
  errors: list(
    obj({
      'code': str({ pattern: '^E_[A-Z0-9_]+$' }),
      'message': str(),
      'field?': str(),
      'requestId?': str({
        description: 'On 5xx answers: the request id, also in X-Request-Id and the server log',
      }),
      'rule?': str(),
      'meta?': { type: 'object' },
    }),
    { minItems: 1 }
  ),
})

const pageMeta = obj(
  {
    total: int({ minimum: 0 }),
    perPage: int({ minimum: 1 }),
    currentPage: int({ minimum: 1 }),
    lastPage: int({ minimum: 1 }),
  },
  true
)

const messageCursorMeta = obj({
  hasMore: bool(),
  cursor: nullable(int({ minimum: 0 })),
  syncCursor: int({ minimum: 0 }),
})

/** What running a slash command answers (REST and the `run_command` ack). */
const commandResult = obj({
  command: str({ description: 'The command’s name, without the slash' }),
  responseType: str({ enum: ['ephemeral', 'in_channel'] }),
  text: str(),
  message: nullable(ref('Message')),
})

/** Every component schema, by name. */
export const schemas: Record<string, Schema> = {
  User: user,
  Self: self,
  Organization: organization,
  Message: message,
  Room: room,
  Media: media,
  Invite: invite,
  InviteWithLink: inviteWithLink,
  Membership: membership,
  Notification: notification,
  HealthReport: health,
  Analytics: analytics,
  Errors: errors,
  PageMeta: pageMeta,
  MessageCursorMeta: messageCursorMeta,
  CommandResult: commandResult,
}
