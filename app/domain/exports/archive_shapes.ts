import type { Narrow } from '#domain/exports/archive_lines'

/*
 * The shape of each line of an archive (docs/exports.md, "What the archive
 * holds"): plain rows in, camelCase JSON out, an allow-list per entry.
 */

/** An ISO 8601 time, or null. */
export const at = (value: Date | string | null | undefined) =>
  value ? new Date(value).toISOString() : null

/** A line of rooms.jsonl. */
export const roomLine = (room: any) => ({
  id: room.id,
  type: room.type,
  name: room.name,
  description: room.description,
  visibility: room.visibility,
  encrypted: room.encrypted,
  createdById: room.created_by_id,
  createdAt: at(room.created_at),
  archivedAt: at(room.archived_at),
})

/** members.jsonl reads memberships with their users' public fields (no emails). */
export const organizationMembers =
  (orgId: string): Narrow =>
  (query) => {
    query
      .join('users', 'users.id', 'memberships.user_id')
      .where('memberships.organization_id', orgId)
      .select('memberships.id', 'memberships.user_id', 'memberships.role')
      .select('memberships.created_at', 'users.username', 'users.display_name')
      .select('users.bot_organization_id')
  }

/** A line of members.jsonl. */
export const memberLine = (member: any) => ({
  userId: member.user_id,
  username: member.username,
  displayName: member.display_name,
  isBot: Boolean(member.bot_organization_id),
  role: member.role,
  joinedAt: at(member.created_at),
})

/** A line of room_members.jsonl. */
export const roomMemberLine = (member: any) => ({
  roomId: member.room_id,
  userId: member.user_id,
  role: member.role,
  joinedAt: at(member.joined_at),
})

/** organizations.jsonl (user export) reads the user's memberships with their organizations. */
export const userMemberships =
  (userId: string): Narrow =>
  (query) => {
    query
      .join('organizations', 'organizations.id', 'memberships.organization_id')
      .where('memberships.user_id', userId)
      .select('memberships.id', 'memberships.organization_id', 'memberships.role')
      .select('memberships.created_at', 'organizations.name', 'organizations.slug')
  }

/** A line of organizations.jsonl. */
export const membershipLine = (member: any) => ({
  organizationId: member.organization_id,
  name: member.name,
  slug: member.slug,
  role: member.role,
  joinedAt: at(member.created_at),
})

/** profile.json: the account, never its password hash or secrets. */
export const profileOf = (user: any) => ({
  id: user.id,
  email: user.email,
  username: user.username,
  displayName: user.display_name,
  createdAt: at(user.created_at),
  lastSeenAt: at(user.last_seen_at),
  emailVerifiedAt: at(user.email_verified_at),
  twoFactorEnabled: Boolean(user.two_factor_enabled_at),
})

/** A line of files.jsonl; `path` is null when the stored bytes are gone. */
export const fileLine = (asset: any, path: string | null) => ({
  id: asset.id,
  organizationId: asset.organization_id,
  roomId: asset.room_id,
  messageId: asset.message_id,
  uploaderId: asset.uploader_id,
  name: asset.original_name,
  mime: asset.mime,
  size: Number(asset.size),
  sha256: asset.sha256,
  createdAt: at(asset.created_at),
  path,
})
