import db from '@adonisjs/lucid/services/db'
import type Organization from '#models/organization'
import Notification from '#models/notification'
import presence from '#services/presence_service'
import type { UserWithToken } from '#tests/helpers/users'

/*
 * Notification fixtures: waiting for the listener (it runs after the send
 * returns) and marking users online through the real presence service.
 */

/** Polls until `check` returns a truthy value, or fails after `timeoutMs`. */
export async function eventually<T>(
  check: () => Promise<T>,
  timeoutMs = 10_000
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await check()
    if (value) return value
    if (Date.now() > deadline) throw new Error('condition not met in time')
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}

/** The notifications of a user for a message, oldest first. */
export function notificationsOf(who: UserWithToken, messageId?: string) {
  const query = Notification.query().where('user_id', who.user.id).orderBy('created_at')
  if (messageId) query.where('message_id', messageId)
  return query
}

/** Waits until the listener wrote the notification of `who` for a message. */
export function notificationFor(who: UserWithToken, messageId: string) {
  return eventually(() => notificationsOf(who, messageId).first())
}

/**
 * Marks a user online in an organization with a fake socket id, through the
 * presence service the gateway uses; returns the undo.
 */
export async function online(org: Organization, who: UserWithToken) {
  const socketId = `test-${crypto.randomUUID()}`
  await presence.connect(org.id, who.user.id, socketId)
  return () => presence.clear()
}

/** Makes a notification old, for the retention cleanup. */
export async function age(notificationId: string, days: number) {
  await db
    .from('notifications')
    .where('id', notificationId)
    .update({ created_at: new Date(Date.now() - days * 86_400_000) })
}
