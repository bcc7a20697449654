import { isAttachment, openRoom, ATTACHMENT_PREFIX } from './chat'
import { nameOf, state } from './store'
import type { Message } from './types'

/*
 * What tells a person that something arrived while they look elsewhere: the
 * unread count in the tab title, and desktop notifications (Notification
 * API), which are asked for only when the person chooses to turn them on.
 */

const BASE_TITLE = 'Parley'

/** Unread messages in rooms that are neither muted nor archived. */
export function unreadTotal() {
  let total = 0
  for (const { room } of state.rooms.values()) {
    if (!room.muted && !room.archivedAt) total += room.unreadCount ?? 0
  }
  return total
}

/** "(3) Parley" while there is something unread, "Parley" otherwise. */
export function updateTitle() {
  const total = state.org ? unreadTotal() : 0
  document.title = total ? `(${total > 99 ? '99+' : total}) ${BASE_TITLE}` : BASE_TITLE
}

/** The permission state, or 'unsupported' in browsers without notifications. */
export function notificationPermission(): NotificationPermission | 'unsupported' {
  return 'Notification' in window ? Notification.permission : 'unsupported'
}

/** Asks for permission (call it from a click: browsers ignore it otherwise). */
export async function enableNotifications() {
  if (!('Notification' in window)) return 'unsupported' as const
  return Notification.requestPermission()
}

/**
 * A desktop notification for a message that arrived out of sight; muted
 * rooms stay silent unless the message mentions the person.
 */
export function notifyDesktop(message: Message) {
  if (notificationPermission() !== 'granted') return
  const entry = state.rooms.get(message.roomId)
  if (!entry || entry.room.archivedAt) return
  const mentioned = message.mentions?.some((m) => m.userId === state.me?.id)
  if (entry.room.muted && !mentioned) return
  const who = nameOf(message.senderId)
  const title = entry.room.type === 'group' ? `${who} in ${entry.room.name}` : who
  const text = isAttachment(message)
    ? `sent ${message.content!.slice(ATTACHMENT_PREFIX.length)}`
    : (message.content ?? '')
  const notification = new Notification(title, {
    body: text.length > 140 ? `${text.slice(0, 140)}…` : text,
    tag: message.roomId,
  })
  notification.addEventListener('click', () => {
    window.focus()
    void openRoom(message.roomId)
    notification.close()
  })
}
