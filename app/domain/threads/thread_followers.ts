import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'

/*
 * Who follows a thread: the root's author and everyone who replied
 * (automatically), plus members who followed it explicitly, minus those
 * who unfollowed it; only current members of the room count.
 */

const FOLLOWERS = `
  SELECT f.user_id FROM (
    SELECT sender_id AS user_id FROM messages WHERE id = :root
    UNION SELECT m.sender_id FROM thread_replies t JOIN messages m ON m.id = t.message_id
          WHERE t.root_id = :root
    UNION SELECT user_id FROM thread_follows WHERE root_id = :root AND following
  ) f
  JOIN room_members rm ON rm.user_id = f.user_id AND rm.room_id = :room
  WHERE NOT EXISTS (SELECT 1 FROM thread_follows u
                    WHERE u.root_id = :root AND u.user_id = f.user_id AND NOT u.following)`

/** The user ids following the thread rooted at `rootId` in `roomId`. */
export async function threadFollowerIds(
  rootId: string,
  roomId: string,
  client: QueryClientContract = db.connection()
) {
  const result = await client.rawQuery(FOLLOWERS, { root: rootId, room: roomId })
  return result.rows.map((row: { user_id: string }) => row.user_id) as string[]
}

/** Whether one user follows a thread. */
export async function followsThread(rootId: string, roomId: string, userId: string) {
  const followers = await threadFollowerIds(rootId, roomId)
  return followers.includes(userId)
}

/** The root of the thread a reply to `parentId` joins: the parent's own root, else the parent. */
export async function threadRootFor(
  parentId: string,
  client: QueryClientContract = db.connection()
) {
  const row = await client.from('thread_replies').where('message_id', parentId).first()
  return (row?.root_id as string | undefined) ?? parentId
}
