import { h, toast } from '../dom'
import {
  extras,
  pinMessage,
  QUICK_REACTIONS,
  toggleReaction,
  unpinMessage,
  type Reaction,
} from '../conversation'
import { canManage } from '../chat'
import { nameOf, state } from '../store'
import type { Message } from '../types'

/*
 * The parts of a message that conversation features add: its reactions,
 * its pin, the link to its thread, and the actions that change them.
 */

const failed = (what: string) => (caught: unknown) =>
  toast(`${what}: ${(caught as Error).message}`, 'error')

const label = (r: Reaction) =>
  `${r.emoji} ${r.count}${r.me ? ', you reacted; press to take it back' : ', press to react too'}`

/** The reactions under a message: one toggle per emoji, pressed when it is mine. */
export function reactionBar(message: Message) {
  const reactions = extras(message).reactions ?? []
  if (!reactions.length) return null
  return h(
    'div',
    { 'class': 'reactions', 'role': 'group', 'aria-label': 'Reactions' },
    reactions.map((r) =>
      h(
        'button',
        {
          'type': 'button',
          'class': `reaction${r.me ? ' mine' : ''}`,
          'aria-pressed': String(r.me),
          'aria-label': label(r),
          'onclick': () => toggleReaction(message, r.emoji).catch(failed('Reaction not saved')),
        },
        `${r.emoji} ${r.count}`
      )
    )
  )
}

/** A "React" button that opens a row of quick reactions. */
export function reactButton(message: Message) {
  const picker = h(
    'div',
    {
      'class': 'reaction-picker',
      'role': 'group',
      'aria-label': 'Pick a reaction',
      'hidden': true,
    },
    QUICK_REACTIONS.map((emoji) =>
      h(
        'button',
        {
          'type': 'button',
          'aria-label': `React with ${emoji}`,
          'onclick': () => {
            picker.hidden = true
            toggleReaction(message, emoji).catch(failed('Reaction not saved'))
          },
        },
        emoji
      )
    )
  )
  const button = h(
    'button',
    {
      'type': 'button',
      'aria-label': 'React',
      'aria-expanded': 'false',
      'onclick': () => {
        picker.hidden = !picker.hidden
        button.setAttribute('aria-expanded', String(!picker.hidden))
        if (!picker.hidden) picker.querySelector('button')?.focus()
      },
    },
    'React'
  )
  return h('span', { class: 'react' }, button, picker)
}

/** Whether I may pin a message: room admins and moderators in groups, the author in a DM. */
export function canPin(message: Message) {
  const room = state.rooms.get(message.roomId)?.room
  if (!room) return false
  return room.type === 'direct' ? message.senderId === state.me?.id : canManage(room)
}

/** Pin or Unpin, for those who may. */
export function pinButton(message: Message) {
  if (!canPin(message)) return null
  const pinned = !!extras(message).pin
  return h(
    'button',
    {
      'type': 'button',
      'aria-label': pinned ? 'Unpin' : 'Pin',
      'onclick': () =>
        (pinned ? unpinMessage(message) : pinMessage(message)).catch(failed('Pin not changed')),
    },
    pinned ? 'Unpin' : 'Pin'
  )
}

/** "Pinned by …" in a message's header. */
export function pinTag(message: Message) {
  const pin = extras(message).pin
  if (!pin) return null
  return h('span', { class: 'pin-tag' }, ` 📌 Pinned by ${nameOf(pin.pinnedById)}`)
}

/** "3 replies" under a thread's root: opens the thread. */
export function threadLink(message: Message, open: (message: Message) => void) {
  const thread = extras(message).thread
  if (!thread?.replyCount) return null
  const count = `${thread.replyCount} ${thread.replyCount === 1 ? 'reply' : 'replies'}`
  return h(
    'button',
    { type: 'button', class: 'link thread-link', onclick: () => open(message) },
    count
  )
}

/** Only http(s) links leave the client (a preview's URL comes from a message's text). */
const safeHref = (url: string) => (/^https?:\/\//i.test(url) ? url : null)

/**
 * The link preview of a message (link-previews plugin): site, title and
 * description as text, linking to the page. Its image is not shown: it lives
 * on another site, which the client's Content-Security-Policy does not load.
 */
export function previewCard(message: Message) {
  const preview = extras(message).preview
  const href = preview ? safeHref(preview.url) : null
  if (!preview || !href) return null
  return h(
    'a',
    {
      'class': 'link-preview',
      href,
      'target': '_blank',
      'rel': 'noopener noreferrer nofollow',
      'aria-label': `Link preview: ${preview.title ?? preview.url}`,
    },
    preview.siteName ? h('span', { class: 'hint' }, preview.siteName) : null,
    h('strong', {}, preview.title ?? preview.url),
    preview.description ? h('span', {}, preview.description) : null
  )
}
