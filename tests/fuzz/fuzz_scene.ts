import { randomUUID } from 'node:crypto'
import { join, relative } from 'node:path'
import db from '@adonisjs/lucid/services/db'
import User from '#models/user'
import Membership from '#models/membership'
import RoomMember from '#models/room_member'
import type Organization from '#models/organization'
import { actorFor } from '#services/org_context'
import CreateGroupRoom from '#actions/rooms/create_group_room'
import SendMessage from '#actions/messages/send_message'
import CreateInvite from '#actions/invites/create_invite'
import { createMemberWithToken, createOrgWith, createUserWithToken } from '#tests/helpers/users'
import type { UserWithToken } from '#tests/helpers/users'
import { filesUnder, mediaRoot, pngBytes } from '#tests/functional/media/media_fixtures'
import { send } from './raw_http.js'
import { multipart } from './multipart.js'

/*
 * What the fuzz suite works on. Organization A has an owner, the fuzzed
 * member and a bystander; a room shared by all three and a private room the
 * member is not in, each with the owner's messages, a file and an invite.
 * Organization B belongs to the outsider. The rows the fuzzed callers must
 * not be able to change are snapshotted before the run and compared after.
 */

/** Who sends a fuzzed request. */
export type Role = 'member' | 'outsider' | 'anonymous'

/**
 * Every operation is sent by all three. There is no server-admin caller: the
 * admin API may rightly delete the seeded rows the run checks afterwards, so
 * its routes are walked as a member, an outsider and nobody (401/403 doors).
 */
export const ROLES: Role[] = ['member', 'outsider', 'anonymous']

export interface Scene {
  orgA: Organization
  orgB: Organization
  owner: UserWithToken
  member: UserWithToken
  bystander: UserWithToken
  outsider: UserWithToken
  sharedRoomId: string
  privateRoomId: string
  roomBId: string
  ownerMessageIds: string[]
  memberMessageId: string
  outsiderMessageId: string
  mediaId: string
  mediaPath: string
  inviteId: string
  inviteToken: string
  /** Ids by path parameter name, valid ones first. */
  ids: Record<string, string[]>
}

/** Builds the scene through the real actions (and one real upload). */
export async function buildScene(): Promise<Scene> {
  const owner = await createUserWithToken()
  const orgA = await createOrgWith(owner.user)
  const member = await createMemberWithToken(orgA, 'member')
  const bystander = await createMemberWithToken(orgA, 'member')
  const outsider = await createUserWithToken()
  const orgB = await createOrgWith(outsider.user)

  const ownerActor = await actorFor(owner.user, orgA.id)
  const shared = await CreateGroupRoom.handle(ownerActor, {
    name: 'fuzz-shared',
    memberIds: [member.user.id, bystander.user.id],
  })
  const secret = await CreateGroupRoom.handle(ownerActor, {
    name: 'fuzz-private',
    description: 'only the owner and the bystander',
    memberIds: [bystander.user.id],
  })
  const ownerMessageIds: string[] = []
  for (const [roomId, content] of [
    [shared.room.id, 'seeded shared message'],
    [shared.room.id, '  indented\n\tcode  '],
    [secret.room.id, 'seeded private message'],
  ]) {
    const { message } = await SendMessage.handle(ownerActor, { roomId, content })
    ownerMessageIds.push(message.id)
  }
  const memberActor = await actorFor(member.user, orgA.id)
  const mine = await SendMessage.handle(memberActor, {
    roomId: shared.room.id,
    content: `@${owner.user.username} hello`,
    mentions: [owner.user.id],
  })
  const outsiderActor = await actorFor(outsider.user, orgB.id)
  const roomB = await CreateGroupRoom.handle(outsiderActor, { name: 'fuzz-b', memberIds: [] })
  const theirs = await SendMessage.handle(outsiderActor, { roomId: roomB.room.id, content: 'b' })
  const invite = await CreateInvite.handle(ownerActor, { email: 'fuzz-invitee@example.com' })
  const media = await uploadAsOwner(owner, orgA, ownerMessageIds[0])

  const scene = {
    orgA,
    orgB,
    owner,
    member,
    bystander,
    outsider,
    sharedRoomId: shared.room.id,
    privateRoomId: secret.room.id,
    roomBId: roomB.room.id,
    ownerMessageIds,
    memberMessageId: mine.message.id,
    outsiderMessageId: theirs.message.id,
    mediaId: media.id,
    mediaPath: new URL(media.url, 'http://local').pathname.replace(/^\/media\/files\//, ''),
    inviteId: invite.invite.id,
    inviteToken: invite.token,
    ids: {} as Record<string, string[]>,
  }
  scene.ids = idsByName(scene)
  return scene
}

async function uploadAsOwner(owner: UserWithToken, org: Organization, messageId: string) {
  const form = multipart([{ name: 'file', filename: 'seed.png', bytes: await pngBytes() }])
  const response = await send({
    method: 'POST',
    path: `/media/upload/${messageId}`,
    headers: {
      'authorization': `Bearer ${owner.token}`,
      'x-organization-id': org.id,
      'content-type': form.type,
    },
    body: form.body,
  })
  if (response?.status !== 201) throw new Error(`seed upload failed: ${response?.text}`)
  return (response.json as { data: { id: string; url: string } }).data
}

function idsByName(scene: Omit<Scene, 'ids'>): Record<string, string[]> {
  const users = [scene.owner, scene.member, scene.bystander, scene.outsider].map((u) => u.user.id)
  const rooms = [scene.sharedRoomId, scene.privateRoomId, scene.roomBId]
  const messages = [scene.memberMessageId, ...scene.ownerMessageIds, scene.outsiderMessageId]
  const usernames = [scene.owner, scene.outsider].map((u) => u.user.username)
  return {
    roomId: rooms,
    messageId: messages,
    replyToId: messages,
    orgId: [scene.orgA.id, scene.orgB.id],
    organizationId: [scene.orgA.id, scene.orgB.id],
    id: users,
    userId: users,
    memberId: users,
    mediaId: [scene.mediaId],
    notificationId: [],
    inviteId: [scene.inviteId],
    token: [scene.inviteToken],
    username: usernames,
    path: [scene.mediaPath],
  }
}

/** A fresh token for `role` (a fuzzed logout revokes the previous one), or none. */
export async function tokenFor(scene: Scene, role: Role): Promise<string | undefined> {
  if (role === 'anonymous') return undefined
  const user = role === 'member' ? scene.member.user : scene.outsider.user
  const token = await User.accessTokens.create(user, ['*'], { name: 'fuzz' })
  return token.value!.release()
}

/**
 * Puts the fuzzed member back where the scene wants them (a fuzzed request
 * may legitimately make them leave the organization or the shared room).
 */
export async function restoreMember(scene: Scene) {
  const userId = scene.member.user.id
  const membership = await Membership.query()
    .where('organization_id', scene.orgA.id)
    .where('user_id', userId)
    .first()
  if (!membership)
    await Membership.create({ organizationId: scene.orgA.id, userId, role: 'member' })
  const inRoom = await RoomMember.query()
    .where('room_id', scene.sharedRoomId)
    .where('user_id', userId)
    .first()
  if (!inRoom) {
    await RoomMember.create({ organizationId: scene.orgA.id, roomId: scene.sharedRoomId, userId })
  }
}

/**
 * The rows no fuzzed caller may change: the other people, organization A,
 * its memberships and invites, the private room and its members, the
 * owner's messages and the file.
 */
export async function snapshot(scene: Scene) {
  const others = [scene.owner.user.id, scene.bystander.user.id]
  const orgA = scene.orgA.id
  const rows = async (table: string, column: string, values: string[]) =>
    db.from(table).whereIn(column, values).orderBy('id').select('*')
  return JSON.stringify({
    users: await rows('users', 'id', others),
    organizations: await rows('organizations', 'id', [orgA]),
    memberships: await db
      .from('memberships')
      .where('organization_id', orgA)
      .whereIn('user_id', others)
      .orderBy('user_id')
      .select('*'),
    invites: await rows('invites', 'organization_id', [orgA]),
    rooms: await rows('rooms', 'id', [scene.privateRoomId]),
    roomMembers: await db
      .from('room_members')
      .where('room_id', scene.privateRoomId)
      .orderBy('user_id')
      .select('*'),
    // Any member may react to or reply in a thread on the owner's messages,
    // which restamps them (`version_seq`) and marks the kind of extra they
    // now have (`extra_kinds`); their content must stay intact.
    messages: withoutStamp(await rows('messages', 'id', scene.ownerMessageIds)),
    media: await rows('media_assets', 'id', [scene.mediaId]),
  })
}

/** A random id nobody has. */
export const unknownId = () => randomUUID()

/**
 * Files on the media disk that no row points at: what a refused, broken or
 * abandoned upload left behind (the scene's organizations and avatars).
 */
export async function strayFiles(scene: Scene): Promise<string[]> {
  const root = mediaRoot()
  const dirs = [scene.orgA.id, scene.orgB.id].map((id) => join(root, id))
  dirs.push(...[scene.member, scene.outsider].map((who) => join(root, 'avatars', who.user.id)))
  const listed = await Promise.all(dirs.map((dir) => filesUnder(dir)))
  const files = listed.flat()
  const assets = await db.from('media_assets').select('key', 'thumbnail_key')
  const avatars = await db.from('users').whereNotNull('avatar_key').select('avatar_key')
  const keys = new Set([
    ...assets.flatMap((row) => [row.key, row.thumbnail_key]),
    ...avatars.map((row) => row.avatar_key),
  ])
  return files.map((file) => relative(root, file)).filter((key) => !keys.has(key))
}

/** Message rows without `version_seq` and `extra_kinds`, which members' reactions and thread replies move. */
function withoutStamp(rows: Record<string, unknown>[]) {
  return rows.map(({ version_seq: _restamped, extra_kinds: _marked, ...row }) => row)
}
