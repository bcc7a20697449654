import { fileSize, h, mount, shortTime, toast } from '../dom'
import {
  deleteMessage,
  freshMediaUrl,
  isAttachment,
  loadOlder,
  markRead,
  ATTACHMENT_PREFIX,
} from '../chat'
import {
  nameOf,
  orderedMessages,
  peerOf,
  roomTitle,
  state,
  subscribe,
  canModerate,
  type RoomState,
} from '../store'
import type { Message } from '../types'
import { composer, type ComposerApi } from './composer'

/** Message text with @mentions marked up, as text nodes (never HTML). */
function body(content: string) {
  const parts = content.split(/(@[A-Za-z0-9][A-Za-z0-9_.-]*)/g)
  return parts.map((part, i) => (i % 2 ? h('span', { class: 'mention' }, part) : part))
}

function mediaBlock(message: Message) {
  const files = state.media.get(message.id)
  if (!files) return isAttachment(message) ? h('p', { class: 'hint' }, 'Uploading…') : null
  return files.map((file) => {
    const open = async (event: Event) => {
      event.preventDefault()
      const url = await freshMediaUrl(file.id).catch(() => null)
      if (url) window.open(url, '_blank', 'noopener')
      else toast('The file is not available', 'error')
    }
    if (file.thumbnailUrl) {
      return h(
        'a',
        { href: file.url ?? '#', class: 'thumb', onclick: open, title: `Open ${file.name}` },
        h('img', {
          src: file.thumbnailUrl,
          alt: file.name,
          width: file.width && file.width < 320 ? file.width : 240,
          loading: 'lazy',
        })
      )
    }
    return h(
      'a',
      { href: file.url ?? '#', class: 'file', onclick: open },
      `${file.name} (${fileSize(file.size)})`
    )
  })
}

/** Who has read up to a message (other members' pointers from `message_read`). */
function seenBy(entry: RoomState, message: Message) {
  return [...entry.readBy.entries()]
    .filter(([, seq]) => seq >= message.seq)
    .map(([id]) => nameOf(id))
}

/** The room screen: header, messages, typing line and composer. */
export function roomView(onBack: () => void) {
  const title = h('h2', { id: 'room-title' })
  const status = h('span', { class: 'room-status' })
  const older = h('button', { class: 'link older', hidden: true }, 'Load older messages')
  const list = h('ol', { 'class': 'messages', 'role': 'log', 'aria-labelledby': 'room-title' })
  const scroller = h('div', { class: 'scroller' }, older, list)
  const typing = h('p', { 'class': 'typing', 'aria-live': 'polite' })
  const empty = h('p', { class: 'empty' }, 'Pick a conversation, or start a new one.')
  const api: ComposerApi = composer()
  const section = h(
    'section',
    { 'class': 'room', 'aria-labelledby': 'room-title' },
    h(
      'header',
      { class: 'room-head' },
      h(
        'button',
        { 'class': 'back', 'onclick': onBack, 'aria-label': 'Back to conversations' },
        '←'
      ),
      title,
      status
    ),
    scroller,
    typing,
    api.element
  )
  const root = h('main', { class: 'main' }, empty, section)
  const drawn = new Map<string, { key: string; el: HTMLLIElement }>()
  let shownRoom: string | null = null

  older.addEventListener('click', () => state.currentRoomId && void loadOlder(state.currentRoomId))

  const item = (entry: RoomState, message: Message, seen: string[]) => {
    const mine = message.senderId === state.me?.id
    const deleted = message.deletedAt !== null
    const reply = message.replyToId ? entry.messages.get(message.replyToId) : null
    const actions = deleted
      ? null
      : h(
          'div',
          { class: 'actions' },
          h('button', { 'onclick': () => api.reply(message), 'aria-label': 'Reply' }, 'Reply'),
          mine && !isAttachment(message)
            ? h('button', { 'onclick': () => api.edit(message), 'aria-label': 'Edit' }, 'Edit')
            : null,
          mine || canModerate()
            ? h(
                'button',
                {
                  'aria-label': 'Delete',
                  'onclick': () => {
                    if (confirm('Delete this message?')) {
                      deleteMessage(message).catch((e) => toast(e.message, 'error'))
                    }
                  },
                },
                'Delete'
              )
            : null
        )
    return h(
      'li',
      { 'class': `msg${mine ? ' mine' : ''}${deleted ? ' deleted' : ''}`, 'data-seq': message.seq },
      h(
        'div',
        { class: 'meta' },
        h('strong', {}, nameOf(message.senderId)),
        ' ',
        h('time', { datetime: message.createdAt }, shortTime(message.createdAt)),
        message.editedAt && !deleted ? h('span', { class: 'edited' }, ' (edited)') : null
      ),
      message.replyToId
        ? h(
            'blockquote',
            { class: 'reply-to' },
            reply
              ? `${nameOf(reply.senderId)}: ${reply.content ?? 'message deleted'}`
              : 'Reply to an earlier message'
          )
        : null,
      deleted
        ? h('p', { class: 'body' }, 'This message was deleted.')
        : isAttachment(message)
          ? h('p', { class: 'body' }, message.content!.slice(ATTACHMENT_PREFIX.length))
          : h('p', { class: 'body' }, body(message.content ?? '')),
      deleted ? null : mediaBlock(message),
      seen.length ? h('p', { class: 'seen' }, `Seen by ${seen.join(', ')}`) : null,
      actions
    )
  }

  const renderMessages = () => {
    const entry = state.currentRoomId ? state.rooms.get(state.currentRoomId) : undefined
    if (!entry) return
    if (shownRoom !== entry.room.id) {
      drawn.clear()
      list.replaceChildren()
      shownRoom = entry.room.id
    }
    const nearBottom = scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 80
    const messages = orderedMessages(entry)
    const lastMine = [...messages]
      .reverse()
      .find((m) => m.senderId === state.me?.id && !m.deletedAt)
    const seen = lastMine ? seenBy(entry, lastMine) : []
    const wanted = new Set<string>()
    let previous: Element | null = null
    for (const message of messages) {
      wanted.add(message.id)
      const seenHere = message === lastMine ? seen : []
      const media = state.media.get(message.id)?.length ?? -1
      const key = `${message.versionSeq}|${message.deletedAt}|${media}|${seenHere.join()}|${message.replyToId ? entry.messages.has(message.replyToId) : ''}`
      let known = drawn.get(message.id)
      if (!known || known.key !== key) {
        const el = item(entry, message, seenHere)
        known?.el.replaceWith(el)
        known = { key, el }
        drawn.set(message.id, known)
      }
      const expected: Element | null = previous
        ? previous.nextElementSibling
        : list.firstElementChild
      if (expected !== known.el) {
        if (previous) previous.after(known.el)
        else list.prepend(known.el)
      }
      previous = known.el
    }
    for (const [id, known] of drawn) {
      if (!wanted.has(id)) {
        known.el.remove()
        drawn.delete(id)
      }
    }
    older.hidden = entry.olderCursor === null
    if (nearBottom) scroller.scrollTop = scroller.scrollHeight
  }

  const renderHeader = () => {
    const entry = state.currentRoomId ? state.rooms.get(state.currentRoomId) : undefined
    root.dataset.open = entry ? 'true' : 'false'
    empty.hidden = !!entry
    section.hidden = !entry
    if (!entry) return
    title.textContent = roomTitle(entry.room)
    const peer = entry.room.type === 'direct' ? peerOf(entry.room) : null
    status.textContent = peer
      ? state.online.has(peer)
        ? 'online'
        : 'offline'
      : `${entry.room.memberCount} members`
    status.dataset.online = String(!!peer && state.online.has(peer))
  }

  const renderTyping = () => {
    const entry = state.currentRoomId ? state.rooms.get(state.currentRoomId) : undefined
    const names = entry ? [...entry.typing.keys()].map(nameOf) : []
    typing.textContent = names.length
      ? `${names.join(', ')} ${names.length > 1 ? 'are' : 'is'} typing…`
      : ''
  }

  let lastRoom: string | null = null
  subscribe('room', (roomId) => {
    if (roomId && roomId !== state.currentRoomId) return
    renderHeader()
    renderMessages()
    renderTyping()
    if (lastRoom !== state.currentRoomId) {
      lastRoom = state.currentRoomId
      api.reset()
      scroller.scrollTop = scroller.scrollHeight
    }
  })
  subscribe('presence', renderHeader)
  subscribe('typing', (roomId) => roomId === state.currentRoomId && renderTyping())
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible' && state.currentRoomId) markRead(state.currentRoomId)
  })
  renderHeader()
  return root
}
