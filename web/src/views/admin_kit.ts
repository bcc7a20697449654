import { ApiError } from '../api'
import { h, toast } from '../dom'
import { nameOf, state } from '../store'

/*
 * What the organization's admin pages share: errors in words, a guarded
 * action, tables, dates, and the box that shows a secret once.
 */

/** The server's message for a refused request, else a generic one. */
export const problem = (caught: unknown) =>
  caught instanceof ApiError ? caught.message : 'Something failed, try again'

/**
 * Wraps work started by a control: clears the page's error first, and shows
 * the server's refusal in it (role=alert) if the work fails.
 */
export function guard(error: HTMLElement) {
  return (work: () => Promise<unknown>) => async () => {
    error.textContent = ''
    try {
      await work()
    } catch (caught) {
      error.textContent = problem(caught)
    }
  }
}

/** A date and time for people, or a word when there is none. */
export function when(iso: string | null | undefined, none = 'never') {
  if (!iso) return none
  return new Date(iso).toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' })
}

/** A member's name, or the account id when this client does not know it (a removed member). */
export function who(userId: string | null | undefined) {
  if (!userId) return 'nobody'
  const name = nameOf(userId)
  return name === 'Unknown user' ? `account ${userId.slice(0, 8)}` : name
}

/** A room's name as the admin knows it, else its id. */
export function roomName(roomId: string) {
  const room = state.rooms.get(roomId)?.room
  if (!room) return `room ${roomId.slice(0, 8)}`
  return room.type === 'group' ? (room.name ?? 'Untitled group') : 'a direct conversation'
}

/** The group rooms the current user knows, by name (what filters and hooks may name). */
export function groupRooms() {
  return [...state.rooms.values()]
    .map((entry) => entry.room)
    .filter((room) => room.type === 'group' && !room.archivedAt)
    .sort((a, b) => (a.name ?? '').localeCompare(b.name ?? ''))
}

/** A data table with a caption and column headers (scope=col). */
export function table(caption: string, headers: string[], rows: Node[][], empty: string) {
  if (!rows.length) return h('p', { class: 'hint' }, empty)
  return h(
    'div',
    { class: 'table-scroll' },
    h(
      'table',
      { class: 'admin-table' },
      h('caption', { class: 'sr-only' }, caption),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          headers.map((text) => h('th', { scope: 'col' }, text))
        )
      ),
      h(
        'tbody',
        {},
        rows.map((cells) =>
          h(
            'tr',
            {},
            cells.map((cell) => h('td', {}, cell))
          )
        )
      )
    )
  )
}

/** Text for a table cell. */
export const text = (value: string | number | null | undefined) =>
  document.createTextNode(value === null || value === undefined ? '' : String(value))

/** Copies text to the clipboard, selecting it in `field` when the clipboard is not allowed. */
async function copy(value: string, field: HTMLInputElement) {
  try {
    await navigator.clipboard.writeText(value)
    toast('Copied to the clipboard')
  } catch {
    field.select()
    toast('Selected: press Ctrl+C (⌘C) to copy')
  }
}

/**
 * A secret shown once (an API key, a signing secret, an incoming webhook
 * URL): a read-only field to select and a Copy button, with the warning
 * that it will not be shown again.
 */
export function secretBox(label: string, value: string, note: string) {
  const field = h('input', {
    'class': 'secret',
    'readonly': true,
    'value': value,
    'aria-label': label,
    'onfocus': () => field.select(),
  })
  return h(
    'div',
    { 'class': 'secret-box stack', 'role': 'group', 'aria-label': label },
    h('strong', {}, label),
    h('p', { class: 'hint' }, note),
    h(
      'div',
      { class: 'row' },
      field,
      h(
        'button',
        {
          'type': 'button',
          'aria-label': `Copy ${label}`,
          'onclick': () => void copy(value, field),
        },
        'Copy'
      )
    )
  )
}

/** Previous / next page buttons and where the list is ("Page 2 of 5"). */
export function pager(
  label: string,
  meta: { currentPage: number; lastPage: number; total: number },
  go: (page: number) => void
) {
  if (meta.lastPage <= 1) return h('p', { class: 'hint' }, `${meta.total} in all`)
  return h(
    'nav',
    { 'class': 'row pager', 'aria-label': label },
    h(
      'button',
      {
        type: 'button',
        disabled: meta.currentPage <= 1,
        onclick: () => go(meta.currentPage - 1),
      },
      'Previous page'
    ),
    h(
      'span',
      { 'class': 'hint', 'aria-live': 'polite' },
      `Page ${meta.currentPage} of ${meta.lastPage} (${meta.total} in all)`
    ),
    h(
      'button',
      {
        type: 'button',
        disabled: meta.currentPage >= meta.lastPage,
        onclick: () => go(meta.currentPage + 1),
      },
      'Next page'
    )
  )
}
