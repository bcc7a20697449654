import { h, icon, mount, toast } from '../dom'
import { editMessage, isAttachment, sendFile, sendMessage, stopTyping, typed } from '../chat'
import { nameOf, orderedMessages, state } from '../store'
import type { Message, User } from '../types'

export interface ComposerApi {
  element: HTMLFormElement
  reply(message: Message): void
  edit(message: Message): void
  reset(): void
}

/** People who can be mentioned in the current room, plus @here and @all in groups. */
function candidates(query: string): { label: string; insert: string }[] {
  const entry = state.currentRoomId ? state.rooms.get(state.currentRoomId) : undefined
  if (!entry) return []
  const room = entry.room
  const roomIds = new Set(room.members.map((m) => m.userId))
  const complete = room.members.length >= room.memberCount
  const users = (
    complete
      ? room.members.map((m) => state.users.get(m.userId) ?? m.user)
      : state.members.map((m) => m.user)
  ).filter((u): u is User => !!u && u.id !== state.me?.id && (!complete || roomIds.has(u.id)))
  const q = query.toLowerCase()
  const people = users
    .filter(
      (u) => u.username.toLowerCase().startsWith(q) || u.displayName?.toLowerCase().startsWith(q)
    )
    .map((u) => ({ label: `${u.displayName ?? u.username} @${u.username}`, insert: u.username }))
  const special = room.type === 'group' ? ['here', 'all'].filter((s) => s.startsWith(q)) : []
  return [...people, ...special.map((s) => ({ label: `@${s}`, insert: s }))].slice(0, 8)
}

/** The message box: send, reply, edit, attach, typing events and @mention autocomplete. */
export function composer(): ComposerApi {
  let replyTo: Message | null = null
  let editing: Message | null = null
  let options: { label: string; insert: string }[] = []
  let active = 0

  const banner = h('div', { class: 'banner', hidden: true })
  const input = h('textarea', {
    'rows': 1,
    'placeholder': 'Write a message…',
    'aria-label': 'Message',
    'aria-autocomplete': 'list',
    'aria-controls': 'mention-list',
    'aria-expanded': 'false',
    'maxlength': 10000,
  })
  const listbox = h('ul', { id: 'mention-list', role: 'listbox', class: 'mentions', hidden: true })
  const file = h('input', {
    'type': 'file',
    'class': 'sr-only',
    'id': 'attach',
    'aria-label': 'Attach a file',
  })
  const form = h(
    'form',
    { 'class': 'composer', 'aria-label': 'Send a message' },
    banner,
    listbox,
    h(
      'div',
      { class: 'composer-row' },
      h(
        'label',
        { for: 'attach', class: 'attach', title: 'Attach a file' },
        icon('clip'),
        h('span', { class: 'sr-only' }, 'Attach a file')
      ),
      file,
      input,
      h('button', { type: 'submit', class: 'primary' }, 'Send')
    )
  )

  const showBanner = () => {
    const target = editing ?? replyTo
    banner.hidden = !target
    if (!target) return
    const label = editing
      ? 'Editing your message'
      : `Replying to ${nameOf(target.senderId)}: ${target.content ?? ''}`
    mount(
      banner,
      h('span', {}, label.length > 90 ? `${label.slice(0, 90)}…` : label),
      h('button', { type: 'button', class: 'link', onclick: () => api.reset() }, 'Cancel')
    )
  }

  const closeMentions = () => {
    options = []
    listbox.hidden = true
    input.setAttribute('aria-expanded', 'false')
    input.removeAttribute('aria-activedescendant')
  }

  const drawMentions = () => {
    listbox.hidden = !options.length
    input.setAttribute('aria-expanded', String(!!options.length))
    mount(
      listbox,
      options.map((option, i) =>
        h(
          'li',
          {
            'role': 'option',
            'id': `mention-${i}`,
            'aria-selected': String(i === active),
            'onmousedown': (event: Event) => {
              event.preventDefault()
              choose(i)
            },
          },
          option.label
        )
      )
    )
    if (options.length) input.setAttribute('aria-activedescendant', `mention-${active}`)
  }

  const mentionQuery = () => {
    const before = input.value.slice(0, input.selectionStart ?? input.value.length)
    return /(?:^|\s)@([A-Za-z0-9_.-]*)$/.exec(before)
  }

  const choose = (i: number) => {
    const match = mentionQuery()
    const option = options[i]
    if (!match || !option) return closeMentions()
    const caret = input.selectionStart ?? input.value.length
    const start = caret - match[1].length
    input.value = `${input.value.slice(0, start)}${option.insert} ${input.value.slice(caret)}`
    input.selectionStart = input.selectionEnd = start + option.insert.length + 1
    closeMentions()
    input.focus()
  }

  input.addEventListener('input', () => {
    const match = mentionQuery()
    options = match ? candidates(match[1]) : []
    active = 0
    drawMentions()
    if (state.currentRoomId && input.value.trim()) typed(state.currentRoomId)
  })
  input.addEventListener('blur', () => setTimeout(closeMentions, 100))
  input.addEventListener('keydown', (event) => {
    if (options.length) {
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault()
        active = (active + (event.key === 'ArrowDown' ? 1 : options.length - 1)) % options.length
        return drawMentions()
      }
      if (event.key === 'Enter' || event.key === 'Tab') {
        event.preventDefault()
        return choose(active)
      }
      if (event.key === 'Escape') return closeMentions()
    }
    if (event.key === 'Escape' && (editing || replyTo)) return api.reset()
    if (event.key === 'ArrowUp' && !input.value && state.currentRoomId) {
      const entry = state.rooms.get(state.currentRoomId)!
      const last = orderedMessages(entry)
        .reverse()
        .find((m) => m.senderId === state.me?.id && !m.deletedAt && !isAttachment(m))
      if (last) {
        event.preventDefault()
        api.edit(last)
      }
    }
    if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault()
      form.requestSubmit()
    }
  })

  form.addEventListener('submit', async (event) => {
    event.preventDefault()
    const roomId = state.currentRoomId
    const content = input.value
    if (!roomId || !content.trim()) return
    stopTyping(roomId)
    try {
      if (editing) await editMessage(editing.id, content)
      else await sendMessage(roomId, content, replyTo?.id)
      input.value = ''
      api.reset()
    } catch (caught) {
      toast((caught as Error).message, 'error')
    }
  })

  file.addEventListener('change', async () => {
    const chosen = file.files?.[0]
    file.value = ''
    if (!chosen || !state.currentRoomId) return
    try {
      await sendFile(state.currentRoomId, chosen)
    } catch (caught) {
      toast(`Upload failed: ${(caught as Error).message}`, 'error')
    }
  })

  const api: ComposerApi = {
    element: form,
    reply(message) {
      editing = null
      replyTo = message
      showBanner()
      input.focus()
    },
    edit(message) {
      replyTo = null
      editing = message
      input.value = message.content ?? ''
      showBanner()
      input.focus()
    },
    reset() {
      if (editing) input.value = ''
      editing = null
      replyTo = null
      closeMentions()
      showBanner()
    },
  }
  return api
}
