import { h, icon, mount, toast } from '../dom'
import {
  editMessage,
  isAttachment,
  parseCommand,
  runCommand,
  sendFile,
  stopTyping,
  typed,
} from '../chat'
import { draftOf, saveDraft } from '../drafts'
import { enqueue } from '../outbox'
import { nameOf, orderedMessages, state } from '../store'
import type { Message, User } from '../types'

export interface ComposerApi {
  element: HTMLFormElement
  reply(message: Message): void
  edit(message: Message): void
  reset(): void
  /** Shows the composer of another room: its own draft, no reply or edit carried over. */
  showRoom(roomId: string | null): void
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
  /** The room whose draft the box holds. */
  let roomId: string | null = null

  const banner = h('div', { class: 'banner', hidden: true })
  const input = h('textarea', {
    'rows': 1,
    'placeholder': 'Write a message…',
    'aria-label': 'Message',
    'aria-autocomplete': 'list',
    'aria-controls': 'mention-list',
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
    input.removeAttribute('aria-activedescendant')
  }

  const drawMentions = () => {
    listbox.hidden = !options.length
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
    fit()
    if (!roomId) return
    if (!editing) saveDraft(roomId, input.value)
    if (input.value.trim()) typed(roomId)
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
    if (event.key === 'ArrowUp' && !input.value && roomId) {
      const entry = state.rooms.get(roomId)!
      const last = orderedMessages(entry)
        .reverse()
        .find((m) => m.senderId === state.me?.id && !m.deletedAt && !isAttachment(m))
      if (last) {
        event.preventDefault()
        api.edit(last)
      }
    }
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault()
      form.requestSubmit()
    }
  })

  /** Grows the box with its text, up to a limit (then it scrolls). */
  const fit = () => {
    input.style.height = 'auto'
    input.style.height = `${Math.min(input.scrollHeight + 2, 200)}px`
  }

  /** Empties the box for the next message; the text already left with the send. */
  const clearBox = (room: string) => {
    input.value = ''
    saveDraft(room, '')
    fit()
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault()
    const room = roomId
    const content = input.value
    if (!room || !content.trim()) return
    stopTyping(room)
    const target = editing
    const replyToId = replyTo?.id ?? null
    editing = null
    replyTo = null
    closeMentions()
    showBanner()
    const command = target ? null : parseCommand(content)
    if (command) {
      clearBox(room)
      runCommand(room, command.command, command.args)
        .then((result) => {
          if (result.responseType === 'ephemeral') toast(`/${result.command}: ${result.text}`)
        })
        .catch((caught) => {
          toast((caught as Error).message, 'error')
          if (!input.value && roomId === room) {
            input.value = content
            fit()
          }
        })
      return
    }
    if (!target) {
      clearBox(room)
      enqueue(room, content, replyToId)
      return
    }
    input.value = draftOf(room)
    fit()
    editMessage(target.id, content).catch((caught) => {
      toast(`Your edit was not saved: ${(caught as Error).message}`, 'error')
      if (!input.value && roomId === room) api.edit({ ...target, content })
    })
  })

  file.addEventListener('change', async () => {
    const chosen = file.files?.[0]
    file.value = ''
    if (!chosen || !roomId) return
    try {
      await sendFile(roomId, chosen)
    } catch (caught) {
      toast((caught as Error).message, 'error')
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
      if (editing && roomId) input.value = draftOf(roomId)
      editing = null
      replyTo = null
      closeMentions()
      showBanner()
      fit()
    },
    showRoom(next) {
      if (roomId && !editing) saveDraft(roomId, input.value)
      if (roomId) stopTyping(roomId)
      editing = null
      replyTo = null
      roomId = next
      input.value = next ? draftOf(next) : ''
      closeMentions()
      showBanner()
      fit()
    },
  }
  return api
}
