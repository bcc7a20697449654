import { state } from './store'

/*
 * Drafts belong to their room: what is typed in a room stays with that room
 * (saved locally, per user, so it survives a reload) and is never carried
 * into another one.
 */

const key = () => `parley.drafts.${state.me?.id}`

function all(): Record<string, string> {
  try {
    return JSON.parse(localStorage.getItem(key()) ?? '{}') ?? {}
  } catch {
    return {}
  }
}

/** The unsent text of a room ('' when none). */
export function draftOf(roomId: string) {
  return all()[roomId] ?? ''
}

/** Keeps the unsent text of a room; an empty text forgets it. */
export function saveDraft(roomId: string, text: string) {
  if (!state.me) return
  const drafts = all()
  if (text.trim()) drafts[roomId] = text
  else delete drafts[roomId]
  if (Object.keys(drafts).length) localStorage.setItem(key(), JSON.stringify(drafts))
  else localStorage.removeItem(key())
}

/** Forgets the signed-in user's drafts and unsent messages (logout). */
export function forgetLocalWork() {
  if (!state.me) return
  localStorage.removeItem(key())
  localStorage.removeItem(`parley.outbox.${state.me.id}`)
}
