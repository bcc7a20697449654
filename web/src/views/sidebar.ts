import { h } from '../dom'
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

/** One conversation's button in the list, kept for as long as the room is listed. */
interface RoomItem {
  li: HTMLLIElement
  button: HTMLButtonElement
  picture: HTMLElement
  pictureKey: string
  name: HTMLSpanElement
  preview: HTMLSpanElement
  online: HTMLSpanElement
  badge: HTMLSpanElement
}

function roomItem(roomId: string): RoomItem {
  const picture = h('span')
  const name = h('span', { class: 'room-name' })
  const lastLine = h('span', { class: 'room-preview' })
  const button = h(
    'button',
    { 'data-room-id': roomId, 'onclick': () => void openRoom(roomId) },
    picture,
    h('span', { class: 'room-text' }, name, lastLine)
  )
  return {
    li: h('li', {}, button),
    button,
    picture,
    pictureKey: '',
    name,
    preview: lastLine,
    online: h('span', { class: 'sr-only' }, ', online'),
    badge: h('span', { class: 'badge' }),
  }
}

function setText(element: HTMLElement, text: string) {
  if (element.textContent !== text) element.textContent = text
}

/**
 * Brings a conversation's button up to date in place: the element under a
 * pointer or the keyboard focus stays the same node, so a click is never
 * lost (nor focus dropped) when a message or a presence change redraws
 * the list.
 */
function updateRoomItem(item: RoomItem, room: Room) {
  const unread = room.unreadCount ?? 0
  const peer = room.type === 'direct' ? peerOf(room) : null
  const online = !!peer && state.online.has(peer)
  const current = state.currentRoomId === room.id
  item.button.className = `room-item${current ? ' current' : ''}${unread ? ' unread' : ''}`
  if (current) item.button.setAttribute('aria-current', 'true')
  else item.button.removeAttribute('aria-current')
  const pictureKey = `${peer}|${online}|${roomTitle(room)}|${peer ? avatarVersion(peer) : ''}`
  if (pictureKey !== item.pictureKey) {
    const picture = roomPicture(room, peer)
    item.picture.replaceWith(picture)
    item.picture = picture
    item.pictureKey = pictureKey
  }
  setText(item.name, roomTitle(room))
  setText(item.preview, preview(room))
  if (!online) item.online.remove()
  else if (!item.online.isConnected) {
    item.button.insertBefore(item.online, item.badge.isConnected ? item.badge : null)
  }
  if (!unread) {
    item.badge.remove()
    return
  }
  setText(item.badge, unread > 99 ? '99+' : String(unread))
  item.badge.setAttribute('aria-label', `${unread} unread`)
  if (!item.badge.isConnected) item.button.append(item.badge)
}

/** The picture of a person as the list last drew it: a new one when it changes. */
function avatarVersion(userId: string) {
  const user = userId === state.me?.id ? state.me : state.users.get(userId)
  return `${user?.displayName ?? ''}|${user?.username ?? ''}|${user?.avatarUrl ?? ''}`
}

/** The room list with unread badges and presence dots; updated when rooms or presence change. */
export function sidebar(onNew: () => void) {
  const list = h('ul', { class: 'room-list', role: 'list' })
  const items = new Map<string, RoomItem>()
  const empty = h('li', { class: 'hint' }, 'No conversations yet.')
  const render = () => {
    const rooms = sortedRooms()
    const listed = new Set(rooms.map(({ room }) => room.id))
    for (const [id, item] of items) {
      if (listed.has(id)) continue
      item.li.remove()
      items.delete(id)
    }
    if (!rooms.length) {
      if (!empty.isConnected) list.append(empty)
      return
    }
    empty.remove()
    // Moves only what is out of place: a node that stays is never re-inserted.
    let next: ChildNode | null = list.firstChild
    for (const { room } of rooms) {
      let item = items.get(room.id)
      if (!item) {
        item = roomItem(room.id)
        items.set(room.id, item)
      }
      updateRoomItem(item, room)
      if (item.li === next) next = next.nextSibling
      else list.insertBefore(item.li, next)
    }
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
