import db from '@adonisjs/lucid/services/db'
import type { Actor } from '#types/actor'
import { findThreadForMember } from '#domain/threads/thread_access'

/**
 * Follows or unfollows a thread (any member of its room). The root's author
 * and everyone who replied follow without asking; an unfollow is stored so
 * that replying again does not re-follow them silently until they follow.
 */
export default class UpdateThreadFollow {
  static async handle(actor: Actor, messageId: string, input: { following: boolean }) {
    const { room, rootId } = await findThreadForMember(actor, messageId)
    await db.rawQuery(
      `INSERT INTO thread_follows (root_id, user_id, organization_id, room_id, following)
       VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (root_id, user_id) DO UPDATE SET following = EXCLUDED.following`,
      [rootId, actor.user.id, room.organizationId, room.id, input.following]
    )
    return { rootId, following: input.following }
  }
}
