import db from '@adonisjs/lucid/services/db'
import logger from '@adonisjs/core/services/logger'
import presence from '#services/presence_service'
import type { QueryClientContract, TransactionClientContract } from '@adonisjs/lucid/types/database'
import type Organization from '#models/organization'
import type { MentionKind } from '#models/message_mention'

/** A resolved mention: a room member and how they were mentioned. */
export interface Mention {
  userId: string
  kind: MentionKind
}

const MENTION = /(^|[^\w@.])@([A-Za-z0-9][A-Za-z0-9_.-]{0,31})/g

/**
 * Finds `@username`, `@here` and `@all` (or its synonym `@channel`) in a
 * plaintext body. A trailing dot or dash is punctuation ("thanks @bob."),
 * not part of the name.
 */
export function parseMentions(content: string) {
  const names = new Set<string>()
  for (const match of content.matchAll(MENTION)) {
    names.add(match[2].replace(/[.-]+$/, '').toLowerCase())
  }
  const here = names.delete('here')
  const channel = names.delete('channel')
  const all = names.delete('all') || channel
  return { usernames: [...names].filter((name) => name.length >= 3), here, all }
}

/**
 * The members `@here` reaches: those online in the organization now (a live
 * socket, or within the offline grace period of the presence service). When
 * presence cannot answer (Redis down) nobody is: `@here` then mentions no one
 * rather than everyone, and offline members still get their usual
 * notification of a new message.
 */
async function membersHere(organizationId: string, memberIds: string[]) {
  try {
    const online = new Set(await presence.onlineUserIds(organizationId))
    return memberIds.filter((id) => online.has(id))
  } catch (error) {
    logger.warn({ err: error }, 'presence unavailable; @here mentions nobody')
    return []
  }
}

/**
 * Resolves who a plaintext message mentions: named users and the ids given
 * explicitly, both only if they are room members; for `@all` / `@channel`
 * every member, for `@here` the members online now, both unless the
 * organization disabled channel mentions. The sender is never mentioned. A
 * named mention wins over `@here`, which wins over `@all`.
 */
export async function resolveMentions(input: {
  organization: Organization
  senderId: string
  content: string
  explicit?: string[]
  memberIds: string[]
  client?: QueryClientContract
}): Promise<Mention[]> {
  const parsed = parseMentions(input.content)
  const members = new Set(input.memberIds)
  const kinds = new Map<string, MentionKind>()
  const channel = input.organization.settings?.allowChannelMentions !== false
  if (channel && parsed.all) input.memberIds.forEach((id) => kinds.set(id, 'all'))
  if (channel && parsed.here) {
    const here = await membersHere(input.organization.id, input.memberIds)
    here.forEach((id) => kinds.set(id, 'here'))
  }
  if (parsed.usernames.length) {
    const named = await (input.client ?? db.connection())
      .from('users')
      .whereIn('id', input.memberIds)
      .whereRaw('lower(username) = ANY(?)', [parsed.usernames])
      .select('id')
    named.forEach((row: { id: string }) => kinds.set(row.id, 'user'))
  }
  for (const id of input.explicit ?? []) if (members.has(id)) kinds.set(id, 'user')
  kinds.delete(input.senderId)
  return [...kinds].map(([userId, kind]) => ({ userId, kind }))
}

/** Replaces a message's mentions inside the caller's transaction. */
export async function storeMentions(
  trx: TransactionClientContract,
  organizationId: string,
  messageId: string,
  mentions: Mention[]
) {
  await trx.from('message_mentions').where('message_id', messageId).delete()
  if (!mentions.length) return
  await trx.table('message_mentions').multiInsert(
    mentions.map((mention) => ({
      message_id: messageId,
      user_id: mention.userId,
      organization_id: organizationId,
      kind: mention.kind,
    }))
  )
}

/** The user ids of a room's members that are still members of its organization (a user removed from the org keeps no reach into its rooms: no mention, no notification). */
export async function roomMemberIds(roomId: string, client?: QueryClientContract) {
  const rows = await (client ?? db.connection())
    .from('room_members')
    .join('memberships', (join) =>
      join
        .on('memberships.user_id', 'room_members.user_id')
        .andOn('memberships.organization_id', 'room_members.organization_id')
    )
    .where('room_members.room_id', roomId)
    .select('room_members.user_id')
  return rows.map((row: { user_id: string }) => row.user_id)
}
