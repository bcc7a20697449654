import { h, mount } from '../dom'
import { ATTACHMENT_PREFIX, isAttachment, openRoom } from '../chat'
import { nameOf, peerOf, roomTitle, sortedRooms, state, subscribe } from '../store'
import type { Room } from '../types'
import { notificationPermission } from '../alerts'
import { notificationSetting } from './profile'
import { avatar } from './avatar'
import { searchPanel } from './conversation_panels'

/** One line of preview: the last message, or what happened to it. */
function preview(room: Room) {
  if (room.archivedAt) return 'Archived'
  const last = room.lastMessage
  if (!last) return 'No messages yet'
  const who = last.senderId === state.me?.id ? 'You' : nameOf(last.senderId)
  if (isAttachment(last)) return `${who} sent ${last.content!.slice(ATTACHMENT_PREFIX.length)}`
  return `${who}: ${last.content ?? 'message deleted'}`
}

/** A direct room shows the other person's avatar and presence; a group its initial. */
function roomPicture(room: Room, peer: string | null) {
  if (!peer) {
    return h(
      'span',
      { 'class': 'avatar', 'aria-hidden': 'true' },
      roomTitle(room).slice(0, 1).toUpperCase()
    )
  }
  const picture = avatar(peer)
  picture.append(h('span', { class: `dot${state.online.has(peer) ? ' on' : ''}` }))
  return picture
}

/** The room list with unread badges and presence dots; redrawn when rooms or presence change. */
export function sidebar(onNew: () => void) {
  const list = h('ul', { class: 'room-list', role: 'list' })
  const render = () => {
    const rooms = sortedRooms()
    mount(
      list,
      rooms.length
        ? rooms.map(({ room }) => {
            const unread = room.unreadCount ?? 0
            const peer = room.type === 'direct' ? peerOf(room) : null
            const current = state.currentRoomId === room.id
            return h(
              'li',
              {},
              h(
                'button',
                {
                  'class': `room-item${current ? ' current' : ''}${unread ? ' unread' : ''}`,
                  'aria-current': current ? 'true' : undefined,
                  'data-room-id': room.id,
                  'onclick': () => void openRoom(room.id),
                },
                roomPicture(room, peer),
                h(
                  'span',
                  { class: 'room-text' },
                  h('span', { class: 'room-name' }, roomTitle(room)),
                  h('span', { class: 'room-preview' }, preview(room))
                ),
                peer && state.online.has(peer) ? h('span', { class: 'sr-only' }, ', online') : null,
                unread
                  ? h(
                      'span',
                      { 'class': 'badge', 'aria-label': `${unread} unread` },
                      unread > 99 ? '99+' : String(unread)
                    )
                  : null
              )
            )
          })
        : h('li', { class: 'hint' }, 'No conversations yet.')
    )
  }
  subscribe('rooms', render)
  subscribe('presence', render)
  render()
  const prompt = h(
    'div',
    { class: 'notify-prompt', hidden: notificationPermission() !== 'default' },
    notificationSetting(() => (prompt.hidden = true))
  )
  return h(
    'nav',
    { 'class': 'sidebar', 'aria-label': 'Conversations' },
    h(
      'div',
      { class: 'sidebar-head' },
      h('h2', {}, 'Conversations'),
      h('button', { class: 'small', onclick: () => searchPanel() }, 'Search'),
      h('button', { class: 'primary small', onclick: onNew }, 'New')
    ),
    list,
    prompt
  )
}
