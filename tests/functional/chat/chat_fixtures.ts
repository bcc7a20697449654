import type Organization from '#models/organization'
import type { Role } from '#models/membership'
import { actorFor } from '#services/org_context'
import CreateGroupRoom from '#actions/rooms/create_group_room'
import CreateDirectRoom from '#actions/rooms/create_direct_room'
import SendMessage from '#actions/messages/send_message'
import MessageCipher from '#services/message_cipher'
import {
  createMemberWithToken,
  createOrgWith,
  createUserWithToken,
  type UserWithToken,
} from '#tests/helpers/users'

/*
 * Chat fixtures: organizations with members, rooms and messages built
 * through the real actions, and a request builder that sends the token and
 * the organization header.
 */

/** An organization with an owner, a moderator and two plain members. */
export async function chatOrg() {
  const owner = await createUserWithToken()
  const org = await createOrgWith(owner.user)
  const moderator = await createMemberWithToken(org, 'moderator')
  const alice = await createMemberWithToken(org, 'member')
  const bob = await createMemberWithToken(org, 'member')
  return { org, owner, moderator, alice, bob }
}

/** Another organization, whose owner must never see the first one's rooms. */
export async function otherOrg() {
  const stranger = await createUserWithToken()
  const org = await createOrgWith(stranger.user)
  return { org, stranger }
}

/** A member of `org` with a role. */
export function member(org: Organization, role: Role = 'member') {
  return createMemberWithToken(org, role)
}

/** A group room created by `creator` with `members`. */
export async function groupRoom(
  org: Organization,
  creator: UserWithToken,
  members: UserWithToken[],
  name = 'general'
) {
  const actor = await actorFor(creator.user, org.id)
  const view = await CreateGroupRoom.handle(actor, {
    name,
    memberIds: members.map((m) => m.user.id),
  })
  return view.room
}

/** The direct room of two members. */
export async function directRoom(org: Organization, a: UserWithToken, b: UserWithToken) {
  const actor = await actorFor(a.user, org.id)
  const { room } = await CreateDirectRoom.handle(actor, { userId: b.user.id })
  return room.room
}

/** Sends a message through the action (no HTTP). */
export async function send(
  org: Organization,
  sender: UserWithToken,
  roomId: string,
  content: string
) {
  const actor = await actorFor(sender.user, org.id)
  const { message } = await SendMessage.handle(actor, { roomId, content })
  return message
}

/**
 * Records every body `MessageCipher.openBody` opens from now on (`opened`,
 * plaintexts in order) until `restore()`.
 */
export function watchOpenedBodies() {
  const original = MessageCipher.openBody
  const opened: string[] = []
  MessageCipher.openBody = function (keyId, key, ciphertext) {
    const plaintext = original.call(this, keyId, key, ciphertext)
    opened.push(plaintext)
    return plaintext
  }
  return { opened, restore: () => (MessageCipher.openBody = original) }
}

export { as } from '#tests/helpers/requests'
