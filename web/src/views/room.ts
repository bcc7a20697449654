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
  outgoingInTimeline,
  type Outgoing,
  type RoomState,
} from '../store'
import type { Media, Message } from '../types'
import { discard, retry } from '../outbox'
import { composer, type ComposerApi } from './composer'
import { markdown } from '../markdown'
import { intervalLabel, roomSettingsDialog } from './room_settings'
import { avatar } from './avatar'
import {
  pinButton,
  pinTag,
  previewCard,
  reactButton,
  reactionBar,
  threadLink,
} from './message_extras'
import { pinsPanel, threadPanel } from './conversation_panels'
import { reportButton } from './report'

/** The size an image thumbnail takes on screen, known before it loads (no jump when it does). */
function thumbSize(file: Media) {
  const width = file.width && file.width < 240 ? file.width : 240
  const height = file.width && file.height ? Math.round((width * file.height) / file.width) : width
  return { width, height }
}

function mediaBlock(message: Message) {
  const files = state.media.get(message.id)
  if (!files) {
    if (!isAttachment(message)) return null
    return state.missingMedia.has(message.id)
      ? h('p', { class: 'hint' }, 'The file was not uploaded.')
      : h('p', { class: 'hint' }, 'Uploading…')
  }
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
        h('img', { src: file.thumbnailUrl, alt: file.name, ...thumbSize(file) })
      )
    }
    return h(
      'a',
      { href: file.url ?? '#', class: 'file', onclick: open },
      `${file.name} (${fileSize(file.size)})`
    )
  })
}

/** A message of the outbox: pending, or failed with a way to retry. */
function outgoingItem(item: Outgoing) {
  const failed = item.status === 'failed'
  return h(
    'li',
    {
      'class': `msg mine pending${failed ? ' failed' : ''}`,
      'data-client-id': item.clientMessageId,
    },
    h(
      'div',
      { class: 'meta' },
      h('strong', {}, 'You'),
      ' ',
      h('span', { class: 'state' }, failed ? (item.error ?? 'Not sent.') : 'Sending…')
    ),
    h('div', { class: 'body markdown' }, markdown(item.content)),
    failed
      ? h(
          'div',
          { class: 'retry' },
          h('button', { type: 'button', onclick: () => retry(item.clientMessageId) }, 'Retry'),
          h(
            'button',
            { type: 'button', class: 'link', onclick: () => discard(item.clientMessageId) },
            'Discard'
          )
        )
      : null
  )
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
  const description = h('p', { class: 'room-description' })
  const muted = h('span', { class: 'muted-tag', hidden: true }, 'Muted')
  const archived = h(
    'p',
    { class: 'archived-notice', hidden: true },
    'This room is archived: it can be read, not written in.'
  )
  const slowMode = h('p', { class: 'slow-mode-notice', hidden: true })
  const status = h('span', { class: 'room-status' })
  const older = h('button', { class: 'link older', hidden: true }, 'Load older messages')
  const list = h('ol', { class: 'messages' })
  const log = h('div', { 'role': 'log', 'aria-labelledby': 'room-title' }, list)
  const scroller = h('div', { class: 'scroller' }, older, log)
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
      h('div', { class: 'room-heading' }, title, description),
      status,
      h('span', { class: 'spacer' }),
      muted,
      h(
        'button',
        {
          type: 'button',
          class: 'small',
          onclick: () => state.currentRoomId && void pinsPanel(state.currentRoomId),
        },
        'Pinned'
      ),
      h(
        'button',
        {
          'type': 'button',
          'class': 'small',
          'aria-label': 'Conversation settings',
          'onclick': () => state.currentRoomId && roomSettingsDialog(state.currentRoomId),
        },
        'Settings'
      )
    ),
    scroller,
    typing,
    archived,
    slowMode,
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
          reactButton(message),
          h('button', { 'onclick': () => threadPanel(message), 'aria-label': 'Thread' }, 'Thread'),
          pinButton(message),
          mine && !isAttachment(message)
            ? h('button', { 'onclick': () => api.edit(message), 'aria-label': 'Edit' }, 'Edit')
            : null,
          reportButton(message),
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
        avatar(message.senderId, 'small'),
        h('strong', {}, nameOf(message.senderId)),
        ' ',
        h('time', { datetime: message.createdAt }, shortTime(message.createdAt)),
        message.editedAt && !deleted ? h('span', { class: 'edited' }, ' (edited)') : null,
        deleted ? null : pinTag(message)
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
          : h('div', { class: 'body markdown' }, markdown(message.content ?? '')),
      deleted ? null : mediaBlock(message),
      deleted ? null : previewCard(message),
      deleted ? null : reactionBar(message),
      threadLink(message, threadPanel),
      seen.length ? h('p', { class: 'seen' }, `Seen by ${seen.join(', ')}`) : null,
      actions
    )
  }

  /** Places `el` right after `previous` (or first), moving it only when needed. */
  const place = (el: Element, previous: Element | null) => {
    const expected = previous ? previous.nextElementSibling : list.firstElementChild
    if (expected === el) return
    if (previous) previous.after(el)
    else list.prepend(el)
  }

  const renderMessages = () => {
    const entry = state.currentRoomId ? state.rooms.get(state.currentRoomId) : undefined
    if (!entry) return
    if (shownRoom !== entry.room.id) {
      drawn.clear()
      list.replaceChildren()
      shownRoom = entry.room.id
    }
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
      const media =
        state.media.get(message.id)?.length ?? (state.missingMedia.has(message.id) ? -2 : -1)
      const key = `${message.versionSeq}|${message.deletedAt}|${media}|${seenHere.join()}|${message.replyToId ? entry.messages.has(message.replyToId) : ''}`
      let known = drawn.get(message.id)
      if (!known || known.key !== key) {
        const el = item(entry, message, seenHere)
        known?.el.replaceWith(el)
        known = { key, el }
        drawn.set(message.id, known)
      }
      place(known.el, previous)
      previous = known.el
    }
    for (const outgoing of outgoingInTimeline(entry.room.id)) {
      const id = `outbox:${outgoing.clientMessageId}`
      wanted.add(id)
      const key = `${outgoing.status}|${outgoing.error}`
      let known = drawn.get(id)
      if (!known || known.key !== key) {
        const el = outgoingItem(outgoing)
        known?.el.replaceWith(el)
        known = { key, el }
        drawn.set(id, known)
      }
      place(known.el, previous)
      previous = known.el
    }
    for (const [id, known] of drawn) {
      if (!wanted.has(id)) {
        known.el.remove()
        drawn.delete(id)
      }
    }
    older.hidden = entry.olderCursor === null
    follow()
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
      : `${entry.room.memberCount} member${entry.room.memberCount === 1 ? '' : 's'}`
    status.dataset.online = String(!!peer && state.online.has(peer))
    description.textContent = entry.room.description ?? ''
    description.hidden = !entry.room.description
    muted.hidden = !entry.room.muted
    archived.hidden = !entry.room.archivedAt
    const interval = entry.room.slowModeSeconds ?? 0
    slowMode.hidden = !interval || !!entry.room.archivedAt
    slowMode.textContent = interval
      ? `Slow mode is on: members send one message per ${intervalLabel(interval)}; moderators are exempt.`
      : ''
    api.element.hidden = !!entry.room.archivedAt
  }

  const renderTyping = () => {
    const entry = state.currentRoomId ? state.rooms.get(state.currentRoomId) : undefined
    const names = entry ? [...entry.typing.keys()].map(nameOf) : []
    typing.textContent = names.length
      ? `${names.join(', ')} ${names.length > 1 ? 'are' : 'is'} typing…`
      : ''
  }

  /*
   * The newest message stays in view while the reader is at the bottom:
   * `stuck` follows the reader's own scrolling, and any growth of the list
   * (new messages, files and images arriving after the first scroll) scrolls
   * down again while it holds. Opening a room starts at the bottom.
   */
  let stuck = true
  /* Where the last scroll to the bottom left the view: growth below keeps it, a scroll up lowers it. */
  let pinnedTop = 0
  const nearBottom = () => scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 40
  const toBottom = () => {
    scroller.scrollTop = scroller.scrollHeight
    pinnedTop = scroller.scrollTop
  }
  const stick = () => {
    stuck = true
    pinnedTop = 0
  }
  /*
   * Keeps the bottom in view while the reader is there. The scroll event
   * comes with the next frame, so a message or an image can land between
   * the reader's scroll up and that event: a view above where it was left,
   * and away from the bottom, means the reader left it already.
   */
  const follow = () => {
    if (stuck && scroller.scrollTop < pinnedTop - 1 && !nearBottom()) stuck = false
    if (stuck) toBottom()
  }
  scroller.addEventListener('scroll', () => {
    stuck = nearBottom()
    if (stuck) pinnedTop = scroller.scrollTop
  })
  new ResizeObserver(follow).observe(list)
  new ResizeObserver(follow).observe(scroller)

  api.element.addEventListener('submit', stick)

  let lastRoom: string | null = null
  subscribe('room', (roomId) => {
    if (roomId && roomId !== state.currentRoomId) return
    if (lastRoom !== state.currentRoomId) {
      lastRoom = state.currentRoomId
      api.showRoom(state.currentRoomId)
      stick()
    }
    renderHeader()
    renderMessages()
    renderTyping()
  })
  subscribe('presence', renderHeader)
  subscribe('typing', (roomId) => roomId === state.currentRoomId && renderTyping())
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible' && state.currentRoomId) markRead(state.currentRoomId)
  })
  renderHeader()
  return root
}
