import { h, mount, shortTime, toast } from '../dom'
import { loadOlder, openRoom } from '../chat'
import { discard, enqueue, retry } from '../outbox'
import { markdown } from '../markdown'
import {
  pinnedMessages,
  searchMessages,
  threadReplies,
  unpinMessage,
  type RichMessage,
  type SearchHit,
} from '../conversation'
import { nameOf, outgoingInThread, roomTitle, state, subscribe, type Outgoing } from '../store'
import type { Message } from '../types'
import { openDialog } from './dialogs'
import { avatar } from './avatar'
import { canPin, reactionBar } from './message_extras'

/*
 * The side panels of a conversation: a thread with its replies, the pinned
 * messages of a room, and message search with the matching words marked.
 */

/** Opens a message's room and brings the message into view (older pages loaded as needed). */
export async function jumpTo(message: Pick<Message, 'id' | 'roomId' | 'seq'>) {
  await openRoom(message.roomId)
  const loaded = state.rooms.get(message.roomId)
  for (let pages = 0; loaded && !loaded.messages.has(message.id) && pages < 20; pages++) {
    if (loaded.olderCursor === null) break
    await loadOlder(message.roomId)
  }
  const item = document.querySelector<HTMLElement>(`[role="log"] li[data-seq="${message.seq}"]`)
  if (!item) return toast('That message is no longer in this conversation', 'error')
  item.scrollIntoView({ block: 'center' })
  item.classList.add('flash')
  item.tabIndex = -1
  item.focus({ preventScroll: true })
  setTimeout(() => item.classList.remove('flash'), 2000)
}

/** One message in a panel: who, when, the text and its reactions. */
function entry(message: RichMessage, ...more: (Node | null)[]) {
  return h(
    'li',
    { 'class': 'msg', 'data-message-id': message.id },
    h(
      'div',
      { class: 'meta' },
      avatar(message.senderId, 'small'),
      h('strong', {}, nameOf(message.senderId)),
      ' ',
      h('time', { datetime: message.createdAt }, shortTime(message.createdAt))
    ),
    message.deletedAt
      ? h('p', { class: 'body' }, 'This message was deleted.')
      : h('div', { class: 'body markdown' }, markdown(message.content ?? '')),
    reactionBar(message),
    ...more
  )
}

/** A thread-only reply not acknowledged yet: pending, or failed with a way to retry. */
function pendingEntry(item: Outgoing) {
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

/**
 * A thread: its root, its replies (read again whenever the thread or the
 * room changes), and a box to reply in it. Replies stay in the thread unless
 * "Also send to the room" is ticked; thread-only replies still pending show
 * here (the room's timeline leaves them out).
 */
export function threadPanel(root: Message) {
  const roomId = root.roomId
  const error = h('p', { class: 'form-error', role: 'alert' })
  const head = h('ol', { 'class': 'messages', 'aria-label': 'Thread start' })
  const replies = h('ol', { 'class': 'messages', 'aria-label': 'Replies' })
  const input = h('textarea', { 'rows': 2, 'aria-label': 'Reply in thread', 'maxlength': 10000 })
  const alsoToRoom = h('input', { type: 'checkbox', id: `thread-also-${root.id}` })
  const form = h(
    'form',
    { 'class': 'composer', 'aria-label': 'Reply in thread' },
    h('div', { class: 'composer-row' }, input, h('button', { class: 'primary' }, 'Reply')),
    h(
      'div',
      { class: 'thread-options' },
      alsoToRoom,
      ' ',
      h('label', { for: `thread-also-${root.id}` }, 'Also send to the room')
    )
  )
  let timer: ReturnType<typeof setTimeout> | undefined
  const draw = async () => {
    const current = state.rooms.get(roomId)?.messages.get(root.id) ?? root
    mount(head, entry(current as RichMessage))
    try {
      const list = await threadReplies(root.id)
      const shown = new Set(list.map((m) => m.clientMessageId).filter(Boolean))
      const pending = outgoingInThread(root.id).filter((i) => !shown.has(i.clientMessageId))
      mount(
        replies,
        list.length || pending.length
          ? [...list.map((m) => entry(m)), ...pending.map(pendingEntry)]
          : h('li', { class: 'hint' }, 'No replies yet.')
      )
    } catch (caught) {
      error.textContent = (caught as Error).message
    }
  }
  const later = () => {
    clearTimeout(timer)
    timer = setTimeout(() => void draw(), 150)
  }
  form.addEventListener('submit', (event) => {
    event.preventDefault()
    const content = input.value
    if (!content.trim()) return
    input.value = ''
    enqueue(roomId, content, root.id, !alsoToRoom.checked)
  })
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault()
      form.requestSubmit()
    }
  })
  const dialog = openDialog(`Thread in ${roomTitleOf(roomId)}`, error, head, replies, form)
  dialog.classList.add('side-panel')
  const stops = [
    subscribe('thread', (id) => id === root.id && later()),
    subscribe('room', (id) => (!id || id === roomId) && later()),
  ]
  dialog.addEventListener('close', () => {
    clearTimeout(timer)
    for (const stop of stops) stop()
  })
  void draw()
  input.focus()
}

const roomTitleOf = (roomId: string) => {
  const room = state.rooms.get(roomId)?.room
  return room ? roomTitle(room) : 'a conversation'
}

/** The pinned messages of a room, each with a way to see it in place and to unpin it. */
export async function pinsPanel(roomId: string) {
  const list = h('ol', { 'class': 'messages', 'aria-label': 'Pinned messages' })
  const dialog = openDialog(`Pinned in ${roomTitleOf(roomId)}`, list)
  dialog.classList.add('side-panel')
  const draw = async () => {
    const pins = await pinnedMessages(roomId)
    mount(
      list,
      pins.length
        ? pins.map((m) =>
            entry(
              m,
              h(
                'div',
                { class: 'row' },
                h(
                  'button',
                  {
                    type: 'button',
                    class: 'link',
                    onclick: () => {
                      dialog.close()
                      void jumpTo(m)
                    },
                  },
                  'Show in conversation'
                ),
                canPin(m)
                  ? h(
                      'button',
                      {
                        type: 'button',
                        class: 'link',
                        onclick: () =>
                          unpinMessage(m)
                            .then(draw)
                            .catch((c) => toast((c as Error).message, 'error')),
                      },
                      'Unpin'
                    )
                  : null
              )
            )
          )
        : h('li', { class: 'hint' }, 'Nothing is pinned here yet.')
    )
  }
  await draw().catch((caught) => mount(list, h('li', { class: 'form-error' }, caught.message)))
}

/** Folds a word for matching as the server's index does: lower case, no accents. */
const fold = (word: string) => word.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase()

/** A snippet with every word that a query word begins wrapped in <mark> (text nodes only). */
export function highlighted(snippet: string, query: string) {
  const words = query.split(/\s+/).map(fold).filter(Boolean)
  const parts: (Node | string)[] = []
  for (const part of new Intl.Segmenter(undefined, { granularity: 'word' }).segment(snippet)) {
    const hit = part.isWordLike && words.some((w) => fold(part.segment).startsWith(w))
    parts.push(hit ? h('mark', {}, part.segment) : part.segment)
  }
  return parts
}

/** Message search across my rooms (or the open one), newest hits first. */
export function searchPanel(initial = '') {
  const results = h('ol', { 'class': 'search-results', 'aria-label': 'Search results' })
  const status = h('p', { 'class': 'hint', 'aria-live': 'polite' })
  const input = h('input', {
    'type': 'search',
    'name': 'q',
    'required': true,
    'maxlength': 200,
    'value': initial,
    'aria-label': 'Search words',
  })
  const here = h('input', { type: 'checkbox', name: 'here' })
  const form = h(
    'form',
    { 'class': 'stack', 'role': 'search', 'aria-label': 'Search messages' },
    h('div', { class: 'row' }, input, h('button', { class: 'primary' }, 'Search')),
    state.currentRoomId ? h('label', { class: 'check' }, here, 'Only this conversation') : null
  )
  const dialog = openDialog('Search messages', form, status, results)
  dialog.classList.add('side-panel')
  const hitItem = (hit: SearchHit, q: string) =>
    h(
      'li',
      {},
      h(
        'button',
        {
          type: 'button',
          class: 'search-hit',
          onclick: () => {
            dialog.close()
            void jumpTo(hit.message)
          },
        },
        h(
          'span',
          { class: 'meta' },
          h('strong', {}, roomTitleOf(hit.roomId)),
          ` · ${nameOf(hit.message.senderId)} · `,
          h('time', { datetime: hit.message.createdAt }, shortTime(hit.message.createdAt))
        ),
        h('span', { class: 'snippet' }, highlighted(hit.snippet, q))
      )
    )
  form.addEventListener('submit', async (event) => {
    event.preventDefault()
    const q = input.value.trim()
    if (!q) return
    status.textContent = 'Searching…'
    try {
      const roomId = here.checked ? (state.currentRoomId ?? undefined) : undefined
      const hits = await searchMessages(q, roomId)
      status.textContent = hits.length
        ? `${hits.length} message${hits.length === 1 ? '' : 's'} found`
        : 'No message found.'
      mount(
        results,
        hits.map((hit) => hitItem(hit, q))
      )
    } catch (caught) {
      status.textContent = (caught as Error).message
      mount(results)
    }
  })
  input.focus()
  if (initial) form.requestSubmit()
}
