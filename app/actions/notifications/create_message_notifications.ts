import db from '@adonisjs/lucid/services/db'
import emitter from '@adonisjs/core/services/emitter'
import Notification, { type NotificationType } from '#models/notification'
import type Message from '#models/message'
import pushDispatcher from '#services/push_dispatcher'
import presence from '#services/presence_service'
import { threadFollowerIds, threadRootFor } from '#domain/threads/thread_followers'

/** Who of some users has a live socket in an organization (the presence service answers it, in one call). */
export interface OnlineCheck {
  onlineAmong(organizationId: string, userIds: string[]): Promise<Set<string>>
}

/**
 * What notifications are made from: ids and the committed message model
 * (body and mentions loaded), never client JSON. `message:created` carries
 * exactly this.
 */
export interface NewMessage {
  organizationId: string
  roomId: string
  message: Message
  /** Members the message mentions, never the sender. */
  mentionedUserIds: string[]
  /** Every member of the room when the message was committed. */
  memberIds: string[]
}

/** One notification to write: who, and why. */
interface Recipient {
  userId: string
  type: NotificationType
  mentionKind?: string
}

/**
 * Decides who is notified of a new message. Never the sender. A direct
 * mention (`@username` or explicit) always notifies, even when the member is
 * online or muted the room; `@here` / `@all` notify members who did not mute
 * the room, online or not. A reply in a thread notifies the thread's
 * followers (`thread`, online or not, unless they muted the room) and
 * nobody else. Everyone else is notified only when they are offline (no
 * live socket in the organization) and did not mute the room.
 */
export async function recipientsOf(event: NewMessage, online: OnlineCheck) {
  const senderId = event.message.senderId
  const candidates = event.memberIds.filter((id) => id !== senderId)
  if (!candidates.length) return []
  const mentioned = new Set(event.mentionedUserIds)
  const kinds = new Map(event.message.mentions.map((m) => [m.userId, m.kind as string]))
  const followers = event.message.replyToId ? await followersOf(event) : null
  const unmentioned = followers ? [] : candidates.filter((userId) => !mentioned.has(userId))
  const present = await online.onlineAmong(event.organizationId, unmentioned)
  const notified: Recipient[] = []
  for (const userId of candidates) {
    if (mentioned.has(userId)) {
      notified.push({ userId, type: 'mention', mentionKind: kinds.get(userId) ?? 'user' })
    } else if (followers) {
      if (followers.has(userId)) notified.push({ userId, type: 'thread' })
    } else if (!present.has(userId)) {
      notified.push({ userId, type: 'message' })
    }
  }
  // Mutes are read only for those a mute could silence: usually nobody, as
  // online members of a busy room get no notification anyway.
  const silenceable = notified.filter((r) => r.mentionKind !== 'user').map((r) => r.userId)
  if (!silenceable.length) return notified
  const mutedRows = await db
    .from('room_members')
    .where('room_id', event.roomId)
    .where('muted', true)
    .whereIn('user_id', silenceable)
    .select('user_id')
  const muted = new Set(mutedRows.map((row: { user_id: string }) => row.user_id))
  return notified.filter((r) => r.mentionKind === 'user' || !muted.has(r.userId))
}

/** The followers of the thread a reply joins (threads notify their followers only). */
async function followersOf(event: NewMessage) {
  const rootId = await threadRootFor(event.message.replyToId!)
  return new Set(await threadFollowerIds(rootId, event.roomId))
}

/**
 * Turns a committed message into notifications (one batched insert; a
 * redelivered event adds nothing thanks to the `(message_id, user_id)`
 * unique index), then announces each with `notification:created` and hands
 * them to the push plugins.
 */
export default class CreateMessageNotifications {
  static async handle(event: NewMessage, online: OnlineCheck = presence) {
    const recipients = await recipientsOf(event, online)
    if (!recipients.length) return []
    const createdAt = new Date()
    const rows = recipients.map((recipient) => ({
      id: crypto.randomUUID(),
      organization_id: event.organizationId,
      user_id: recipient.userId,
      type: recipient.type,
      room_id: event.roomId,
      message_id: event.message.id,
      actor_id: event.message.senderId,
      data: JSON.stringify({ seq: event.message.seq, mentionKind: recipient.mentionKind }),
      created_at: createdAt,
    }))
    const inserted = await db
      .knexQuery()
      .table('notifications')
      .insert(rows)
      .onConflict(['message_id', 'user_id'])
      .ignore()
      .returning('*')
    const notifications = inserted.map((row) => Notification.$createFromAdapterResult(row)!)
    for (const notification of notifications) {
      emitter.emit('notification:created', {
        organizationId: notification.organizationId,
        userId: notification.userId,
        notification,
      })
    }
    await pushDispatcher.dispatch(notifications.map(toPush))
    return notifications
  }
}

function toPush(notification: Notification) {
  return {
    notificationId: notification.id,
    organizationId: notification.organizationId,
    userId: notification.userId,
    type: notification.type,
    roomId: notification.roomId,
    messageId: notification.messageId,
  }
}
