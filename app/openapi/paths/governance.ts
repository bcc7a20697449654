import { AUDIT_ACTIONS } from '#domain/audit/audit_log'
import { ROLES } from '#models/membership'
import { MAX_MUTE_MINUTES, MAX_SLOW_MODE_SECONDS } from '#validators/moderation'
import { MAX_RETENTION_DAYS } from '#validators/retention'
import {
  bool,
  data,
  described,
  int,
  list,
  ref,
  nullable,
  obj,
  op,
  page,
  str,
  time,
  uuid,
  type Paths,
  type Schema,
} from '../builder.js'

/* Governance operations (issue #19): the audit log, moderation, retention and export. */

const org = <Path extends string>(path: Path) => `/organizations${path}` as const

/** One audit log entry. */
export const auditEventSchema: Schema = obj({
  id: str({ description: 'Entry id (a bigserial, as a string): entries page newest first' }),
  organizationId: nullable(uuid()),
  actorUserId: nullable(uuid()),
  door: str({ enum: ['rest', 'socket', 'admin-api', 'chatctl', 'job', 'system'] }),
  action: str({ enum: [...AUDIT_ACTIONS] }),
  targetType: nullable(str()),
  targetId: nullable(str()),
  ip: nullable(str()),
  details: obj({}, true),
  createdAt: time(),
})

const exampleEntry = {
  id: '42',
  organizationId: '7d0f3c2e-3b7a-4a51-9a57-2b7f9f0e6a10',
  actorUserId: '1c9e8f4d-52a0-4f0c-8d8b-0d6e1f1a9b33',
  door: 'rest',
  action: 'org.member_role_changed',
  targetType: 'user',
  targetId: '5b2f7c1a-9e3d-4c8b-a1f0-6d4e2c9b8a77',
  ip: '203.0.113.7',
  details: { role: 'admin', previousRole: 'member' },
  createdAt: '2026-12-04T16:20:00.000Z',
}

/** A member with their mute (the mute and unmute answers). */
const mutedMember = obj({
  userId: uuid(),
  organizationId: uuid(),
  role: str({ enum: [...ROLES] }),
  joinedAt: time(),
  user: nullable(ref('User')),
  mutedUntil: nullable(time()),
})

/** A ban, with the banned account's public summary. */
const ban = obj({
  userId: uuid(),
  organizationId: uuid(),
  bannedById: nullable(uuid()),
  reason: nullable(str()),
  createdAt: time(),
  user: nullable(ref('User')),
})

/** A report of the moderation queue, with the reported message as it is now. */
const report = obj({
  id: uuid(),
  organizationId: uuid(),
  roomId: uuid(),
  messageId: uuid(),
  reporterId: uuid(),
  reason: str(),
  status: str({ enum: ['open', 'resolved'] }),
  resolution: nullable(str({ enum: ['dismissed', 'actioned'] })),
  resolvedById: nullable(uuid()),
  resolvedAt: nullable(time()),
  createdAt: time(),
  message: nullable(
    obj({
      senderId: nullable(uuid()),
      seq: int({ minimum: 1 }),
      content: nullable(str()),
      deleted: bool(),
      encrypted: bool(),
      createdAt: time(),
    })
  ),
})

const ids = {
  org: '7d0f3c2e-3b7a-4a51-9a57-2b7f9f0e6a10',
  user: '5b2f7c1a-9e3d-4c8b-a1f0-6d4e2c9b8a77',
  mod: '1c9e8f4d-52a0-4f0c-8d8b-0d6e1f1a9b33',
  room: '0e7a4c1b-2d3f-4b5a-8c9d-1e2f3a4b5c6d',
  message: '9a8b7c6d-5e4f-4a3b-9c1d-0e9f8a7b6c5d',
  report: '3c2b1a09-8f7e-4d6c-ab5a-493827160504',
}
const exampleUser = {
  id: ids.user,
  username: 'bob',
  displayName: 'Bob',
  avatarUrl: null,
  lastSeenAt: null,
  isBot: false,
}
const exampleReport = {
  id: ids.report,
  organizationId: ids.org,
  roomId: ids.room,
  messageId: ids.message,
  reporterId: ids.mod,
  reason: 'Spam link',
  status: 'open',
  resolution: null,
  resolvedById: null,
  resolvedAt: null,
  createdAt: '2026-12-04T16:20:00.000Z',
  message: {
    senderId: ids.user,
    seq: 12,
    content: 'buy now at example.com',
    deleted: false,
    encrypted: false,
    createdAt: '2026-12-04T16:19:00.000Z',
  },
}
const orgParam = { orgId: 'The organization (another organization’s id is 404)' }
const memberParams = { ...orgParam, memberId: 'The member’s user id (a non-member is 404)' }

/** An organization's retention rules. */
const retentionPolicy = obj({
  organizationId: uuid(),
  days: nullable(int({ minimum: 1 })),
  rooms: list(obj({ roomId: uuid(), days: int({ minimum: 1 }) })),
})
const retentionExample = {
  data: { organizationId: ids.org, days: 365, rooms: [{ roomId: ids.room, days: 30 }] },
}
const daysBody = obj({ days: nullable(int({ minimum: 1, maximum: MAX_RETENTION_DAYS })) })

export const governancePaths: Paths = {
  [org('/{orgId}/audit')]: {
    get: op(org('/{orgId}/audit'), {
      operationId: 'listOrganizationAuditLog',
      tag: 'organizations',
      summary: 'The organization’s audit log, newest first (owner, admin)',
      description:
        'Security- and admin-relevant actions in the organization: logins and failed logins of its ' +
        'members are not here (they belong to no organization; server admins see them with ' +
        '`chatctl audit list`), but role changes, member and invite changes, room archives, ' +
        'moderator deletions, moderation, retention runs and exports are, each with its actor, ' +
        'target, the client IP, the door (rest, socket, admin-api, chatctl, job) and the time. ' +
        'Entries are written in the same transaction as their action and the database refuses ' +
        'to change or delete them. Moderators and members: 403.',
      params: { orgId: 'The organization (another organization’s id is 404)' },
      query: {
        action: described(
          str({ maxLength: 64 }),
          'One action (`org.member_role_changed`) or a family (`invite.*`)'
        ),
        actorId: described(uuid(), 'Only entries of this acting account'),
        targetId: described(str({ maxLength: 64 }), 'Only entries about this target id'),
        since: described(time(), 'Entries at or after this time'),
        until: described(time(), 'Entries before this time'),
        page: described(int({ minimum: 1 }), 'Page number, from 1'),
        perPage: described(int({ minimum: 1, maximum: 100 }), 'Entries per page (default 50)'),
      },
      ok: { 200: page(auditEventSchema) },
      example: {
        data: [exampleEntry],
        meta: { total: 1, perPage: 50, currentPage: 1, lastPage: 1 },
      },
      errors: [403],
    }),
  },
  [org('/{orgId}/members/{memberId}/mute')]: {
    post: op(org('/{orgId}/members/{memberId}/mute'), {
      operationId: 'muteOrganizationMember',
      tag: 'organizations',
      summary: 'Mute a member for a number of minutes (moderator and up)',
      description:
        `A muted member’s sends (REST and socket) are refused with 403 E_MEMBER_MUTED until ` +
        `\`mutedUntil\`; reading, reacting and everything else still works. 1 to ` +
        `${MAX_MUTE_MINUTES} minutes; muting again replaces the end. Only members ranked below ` +
        'the caller (owners may mute anyone but themselves): 403 otherwise. Audited ' +
        '(`moderation.member_muted`).',
      params: memberParams,
      body: obj({ 'minutes': int({ minimum: 1, maximum: MAX_MUTE_MINUTES }), 'reason?': str() }),
      requestExample: { minutes: 60, reason: 'Flooding #general' },
      ok: { 200: data(mutedMember) },
      example: {
        data: {
          userId: ids.user,
          organizationId: ids.org,
          role: 'member',
          joinedAt: '2026-11-01T09:00:00.000Z',
          user: exampleUser,
          mutedUntil: '2026-12-04T17:20:00.000Z',
        },
      },
      errors: [403],
    }),
    delete: op(org('/{orgId}/members/{memberId}/mute'), {
      operationId: 'unmuteOrganizationMember',
      tag: 'organizations',
      summary: 'Lift a member’s mute (moderator and up)',
      description: 'The member may send again at once. Audited (`moderation.member_unmuted`).',
      params: memberParams,
      ok: { 200: data(mutedMember) },
      example: {
        data: {
          userId: ids.user,
          organizationId: ids.org,
          role: 'member',
          joinedAt: '2026-11-01T09:00:00.000Z',
          user: exampleUser,
          mutedUntil: null,
        },
      },
      errors: [403],
    }),
  },
  [org('/{orgId}/mutes')]: {
    get: op(org('/{orgId}/mutes'), {
      operationId: 'listOrganizationMutes',
      tag: 'organizations',
      summary: 'Members muted now, the mute ending first (moderator and up)',
      description:
        'Every member whose mute has not ended yet, with `mutedUntil` and their public summary: ' +
        'what a moderator needs to lift a mute (DELETE /members/{memberId}/mute). Expired mutes ' +
        'are not listed. Members: 403.',
      params: orgParam,
      ok: { 200: data(list(mutedMember)) },
      example: {
        data: [
          {
            userId: ids.user,
            organizationId: ids.org,
            role: 'member',
            joinedAt: '2026-11-01T09:00:00.000Z',
            user: exampleUser,
            mutedUntil: '2026-12-04T17:20:00.000Z',
          },
        ],
      },
      errors: [403],
    }),
  },
  [org('/{orgId}/bans')]: {
    get: op(org('/{orgId}/bans'), {
      operationId: 'listOrganizationBans',
      tag: 'organizations',
      summary: 'Banned people, newest first (owner, admin)',
      description:
        'Every ban of the organization with who banned and why, and the banned account’s public ' +
        'summary (null once the account is deleted). Moderators and members: 403.',
      params: orgParam,
      ok: { 200: data(list(ban)) },
      example: {
        data: [
          {
            userId: ids.user,
            organizationId: ids.org,
            bannedById: ids.mod,
            reason: 'Harassment',
            createdAt: '2026-12-04T16:20:00.000Z',
            user: exampleUser,
          },
        ],
      },
      errors: [403],
    }),
    post: op(org('/{orgId}/bans'), {
      operationId: 'banOrganizationMember',
      tag: 'organizations',
      summary: 'Ban a member: remove them and refuse their return (owner, admin)',
      description:
        'The member is removed as by DELETE /members/{memberId} (their sockets and SSE streams ' +
        'in the organization end on every node) and their pending invites are revoked. Until the ' +
        'ban is lifted, inviting their address or adding their account is 409 E_USER_BANNED, ' +
        'and so is accepting an old invite. Admins cannot ban owners; the last owner stays ' +
        '(409 E_LAST_OWNER). Audited (`moderation.member_banned`).',
      params: orgParam,
      body: obj({ 'userId': uuid(), 'reason?': str({ maxLength: 500 }) }),
      requestExample: { userId: ids.user, reason: 'Harassment' },
      ok: { 201: data(ban) },
      example: {
        data: {
          userId: ids.user,
          organizationId: ids.org,
          bannedById: ids.mod,
          reason: 'Harassment',
          createdAt: '2026-12-04T16:20:00.000Z',
          user: exampleUser,
        },
      },
      errors: [403, 409],
    }),
  },
  [org('/{orgId}/bans/{userId}')]: {
    delete: op(org('/{orgId}/bans/{userId}'), {
      operationId: 'unbanOrganizationMember',
      tag: 'organizations',
      summary: 'Lift a ban (owner, admin); the person may be invited again',
      description: 'Audited (`moderation.member_unbanned`). No ban for this user: 404.',
      params: { ...orgParam, userId: 'The banned account’s id' },
      ok: { 204: null },
      errors: [403],
    }),
  },
  [org('/{orgId}/reports')]: {
    get: op(org('/{orgId}/reports'), {
      operationId: 'listMessageReports',
      tag: 'organizations',
      summary: 'The moderation queue: reported messages, oldest first (moderator and up)',
      description:
        'Each report carries the reported message as stored now, so a moderator who is not in ' +
        'the room can judge it: its text, or null once deleted or in an end-to-end encrypted ' +
        'room (the server cannot read those).',
      params: orgParam,
      query: {
        status: described(str({ enum: ['open', 'resolved'] }), 'Which reports (default open)'),
        page: described(int({ minimum: 1 }), 'Page number, from 1'),
        perPage: described(int({ minimum: 1, maximum: 100 }), 'Reports per page (default 25)'),
      },
      ok: { 200: page(report) },
      example: {
        data: [exampleReport],
        meta: { total: 1, perPage: 25, currentPage: 1, lastPage: 1 },
      },
      errors: [403],
    }),
  },
  [org('/{orgId}/reports/{reportId}/resolve')]: {
    post: op(org('/{orgId}/reports/{reportId}/resolve'), {
      operationId: 'resolveMessageReport',
      tag: 'organizations',
      summary: 'Close a report as dismissed or actioned (moderator and up)',
      description:
        '`actioned` says the moderator acted through the other doors (deleted the message, ' +
        'muted or banned its author). A closed report is 409 E_REPORT_RESOLVED. Audited ' +
        '(`moderation.report_resolved`).',
      params: { ...orgParam, reportId: 'The report' },
      body: obj({ resolution: str({ enum: ['dismissed', 'actioned'] }) }),
      requestExample: { resolution: 'actioned' },
      ok: { 200: data(report) },
      example: {
        data: {
          ...exampleReport,
          status: 'resolved',
          resolution: 'actioned',
          resolvedById: ids.mod,
          resolvedAt: '2026-12-04T16:30:00.000Z',
          message: null,
        },
      },
      errors: [403, 409],
    }),
  },
  ['/chat/messages/{messageId}/report']: {
    post: op('/chat/messages/{messageId}/report', {
      operationId: 'reportMessage',
      tag: 'chat',
      summary: 'Report a message to the organization’s moderators (any room member)',
      description:
        'Once per member and message (409 E_ALREADY_REPORTED); a deleted message is 409 ' +
        'E_MESSAGE_DELETED. A message of a room the caller is not in is 404. Audited ' +
        '(`moderation.message_reported`, without the reason). Limited per user: 429.',
      org: true,
      params: { messageId: 'The reported message' },
      body: obj({ reason: str({ minLength: 1, maxLength: 500 }) }),
      requestExample: { reason: 'Spam link' },
      ok: { 201: data(report) },
      example: { data: { ...exampleReport, message: null } },
      errors: [409, 429],
    }),
  },
  ['/chat/rooms/{roomId}/slow-mode']: {
    put: op('/chat/rooms/{roomId}/slow-mode', {
      operationId: 'setRoomSlowMode',
      tag: 'chat',
      summary: 'Set a group room’s slow mode (room admins, moderator and up)',
      description:
        `Members below moderator may then send one message per \`seconds\` (0 to ` +
        `${MAX_SLOW_MODE_SECONDS}; 0 turns it off) in the room, on every door: a faster send is ` +
        '429 E_SLOW_MODE with `Retry-After` (socket acks carry `retryAfter`). Direct rooms: 409 ' +
        'E_DIRECT_ROOM_FIXED. Audited (`moderation.slow_mode_changed`).',
      org: true,
      params: { roomId: 'The room' },
      body: obj({ seconds: int({ minimum: 0, maximum: MAX_SLOW_MODE_SECONDS }) }),
      requestExample: { seconds: 30 },
      ok: { 200: data(obj({ roomId: uuid(), slowModeSeconds: int({ minimum: 0 }) })) },
      example: { data: { roomId: ids.room, slowModeSeconds: 30 } },
      errors: [403, 409],
    }),
  },
  [org('/{orgId}/retention')]: {
    get: op(org('/{orgId}/retention'), {
      operationId: 'getRetentionPolicy',
      tag: 'organizations',
      summary: 'How long messages are kept: the organization’s days and rooms’ own (owner, admin)',
      description:
        '`days` null keeps messages forever. A room’s own days override the organization’s. ' +
        'A daily job (RETENTION_CRON) deletes older messages with their files.',
      params: orgParam,
      ok: { 200: data(retentionPolicy) },
      example: retentionExample,
      errors: [403],
    }),
    put: op(org('/{orgId}/retention'), {
      operationId: 'setRetentionPolicy',
      tag: 'organizations',
      summary: 'Set how many days the organization keeps messages (owner, admin)',
      description:
        `1 to ${MAX_RETENTION_DAYS} days, or null to keep forever. The daily sweep then ` +
        'deletes older messages (edits, reactions, pins and files with them) in batches and ' +
        'records its counts in the audit log (`retention.run`). Audited ' +
        '(`retention.policy_changed`).',
      params: orgParam,
      body: daysBody,
      requestExample: { days: 365 },
      ok: { 200: data(retentionPolicy) },
      example: retentionExample,
      errors: [403],
    }),
  },
  [org('/{orgId}/retention/rooms/{roomId}')]: {
    put: op(org('/{orgId}/retention/rooms/{roomId}'), {
      operationId: 'setRoomRetention',
      tag: 'organizations',
      summary:
        'Set one room’s own retention days, or null to follow the organization (owner, admin)',
      description: 'Audited (`retention.policy_changed`). A room of another organization is 404.',
      params: { ...orgParam, roomId: 'A room of the organization' },
      body: daysBody,
      requestExample: { days: 30 },
      ok: { 200: data(retentionPolicy) },
      example: retentionExample,
      errors: [403],
    }),
  },
  [org('/{orgId}/retention/preview')]: {
    get: op(org('/{orgId}/retention/preview'), {
      operationId: 'previewRetention',
      tag: 'organizations',
      summary: 'What the next retention run would delete, counted without deleting (owner, admin)',
      description:
        'A dry run of the retention sweep for this organization under its current rules: how many ' +
        'messages and files it would delete, in how many rooms. Nothing is deleted or audited.',
      params: orgParam,
      ok: {
        200: data(
          obj({
            organizationId: uuid(),
            messages: int({ minimum: 0 }),
            files: int({ minimum: 0 }),
            rooms: int({ minimum: 0 }),
          })
        ),
      },
      example: { data: { organizationId: ids.org, messages: 1200, files: 14, rooms: 3 } },
      errors: [403],
    }),
  },
}
