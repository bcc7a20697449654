import { request } from './api'
import { onSocketEvent } from './realtime'
import { applyMessage, changed, state } from './store'
import type { Message } from './types'

/*
 * Reactions, pins, threads and search: the conversation features of the
 * server (REST for what the person does; the room events below keep every
 * client current). Each change to a message stamps its `versionSeq`, so an
 * event older than what the client holds is ignored, and the answer of the
 * person's own REST call (which reflects every earlier change) wins.
 */

/** One emoji on a message: how many reacted with it, and whether I did. */
export interface Reaction {
  emoji: string
  count: number
  me: boolean
}

/** The summary of the thread a message roots. */
export interface ThreadSummary {
  replyCount: number
  lastReplyAt: string
  participantIds: string[]
}

/** The Open Graph data the link-previews plugin attached to a message. */
export interface LinkPreview {
  url: string
  title: string | null
  description: string | null
  imageUrl: string | null
  siteName: string | null
}

/** What the server adds to a message beyond its own row. */
export interface MessageExtras {
  preview?: LinkPreview | null
  reactions?: Reaction[]
  pin?: { pinnedAt: string; pinnedById: string | null } | null
  thread?: ThreadSummary | null
  threadRootId?: string | null
}

export type RichMessage = Message & MessageExtras

/** The reactions people pick most; any emoji is accepted by the server. */
export const QUICK_REACTIONS = ['👍', '❤️', '😂', '🎉', '😮', '😢']

export const extras = (message: Message) => message as RichMessage

/** Applies a message a REST call answered (it reflects every change before it). */
function applied(message: Message) {
  applyMessage(message)
  changed('room', message.roomId)
  return message
}

/** Adds my reaction, or takes it back when I already reacted with that emoji. */
export async function toggleReaction(message: Message, emoji: string) {
  const mine = extras(message).reactions?.some((r) => r.emoji === emoji && r.me)
  const path = `/chat/messages/${message.id}/reactions`
  const answer = mine
    ? await request<Message>('DELETE', `${path}/${encodeURIComponent(emoji)}`)
    : await request<Message>('POST', path, { emoji })
  return applied(answer.data)
}

export async function pinMessage(message: Message) {
  const answer = await request<Message>('PUT', `/chat/messages/${message.id}/pin`)
  return applied(answer.data)
}

export async function unpinMessage(message: Message) {
  await request('DELETE', `/chat/messages/${message.id}/pin`)
  const known = state.rooms.get(message.roomId)?.messages.get(message.id)
  if (known) {
    extras(known).pin = null
    changed('room', message.roomId)
  }
}

/** The pinned messages of a room, most recently pinned first. */
export async function pinnedMessages(roomId: string) {
  const answer = await request<RichMessage[]>('GET', `/chat/rooms/${roomId}/pins`)
  return answer.data
}

/** The replies of a thread, oldest first (one page of up to 100). */
export async function threadReplies(rootId: string) {
  const answer = await request<RichMessage[]>('GET', `/chat/messages/${rootId}/thread?limit=100`)
  return [...answer.data].sort((a, b) => a.seq - b.seq)
}

/** A search hit: the message as members see it, and an excerpt of its text. */
export interface SearchHit {
  roomId: string
  snippet: string
  message: RichMessage
}

export async function searchMessages(q: string, roomId?: string) {
  const query = new URLSearchParams({ q, limit: '30' })
  if (roomId) query.set('roomId', roomId)
  const answer = await request<SearchHit[]>('GET', `/chat/search?${query}`)
  return answer.data
}

/**
 * Changes a loaded message by an event's part, when the event is newer than
 * the copy the client holds. Returns false when nothing was applied.
 */
function patch(
  roomId: string,
  messageId: string,
  versionSeq: number,
  change: (m: RichMessage) => void
) {
  const known = state.rooms.get(roomId)?.messages.get(messageId)
  if (!known || versionSeq <= known.versionSeq) return false
  change(extras(known))
  known.versionSeq = versionSeq
  changed('room', roomId)
  changed('thread', messageId)
  return true
}

interface ReactionEvent {
  roomId: string
  messageId: string
  userId: string
  emoji: string
  count: number
  versionSeq: number
}

/** The reaction list after someone's reaction changed to `count` (mine flag kept, or set when it was me). */
function withCount(reactions: Reaction[], event: ReactionEvent, added: boolean) {
  const me = event.userId === state.me?.id
  const rest = reactions.filter((r) => r.emoji !== event.emoji)
  const known = reactions.find((r) => r.emoji === event.emoji)
  if (!event.count) return rest
  const mine = me ? added : (known?.me ?? false)
  const updated = { emoji: event.emoji, count: event.count, me: mine }
  return known
    ? reactions.map((r) => (r.emoji === event.emoji ? updated : r))
    : [...reactions, updated]
}

/** Wires the room events of these features (called once; survives reconnections). */
export function listenToConversationEvents() {
  onSocketEvent<ReactionEvent>('reaction_added', (event) =>
    patch(event.roomId, event.messageId, event.versionSeq, (m) => {
      m.reactions = withCount(m.reactions ?? [], event, true)
    })
  )
  onSocketEvent<ReactionEvent>('reaction_removed', (event) =>
    patch(event.roomId, event.messageId, event.versionSeq, (m) => {
      m.reactions = withCount(m.reactions ?? [], event, false)
    })
  )
  onSocketEvent<{ roomId: string; message: RichMessage }>('message_pinned', ({ message }) =>
    patch(message.roomId, message.id, message.versionSeq, (m) => {
      m.pin = message.pin ?? null
    })
  )
  onSocketEvent<{ roomId: string; messageId: string; versionSeq: number }>(
    'message_unpinned',
    (event) =>
      patch(event.roomId, event.messageId, event.versionSeq, (m) => {
        m.pin = null
      })
  )
  onSocketEvent<{ roomId: string; messageId: string; versionSeq: number; preview: LinkPreview }>(
    'link_preview',
    (event) =>
      patch(event.roomId, event.messageId, event.versionSeq, (m) => {
        m.preview = event.preview
      })
  )
  onSocketEvent<{
    roomId: string
    rootId: string
    replyId: string
    versionSeq: number
    thread: ThreadSummary | null
  }>('thread_updated', (event) => {
    const patched = patch(event.roomId, event.rootId, event.versionSeq, (m) => {
      m.thread = event.thread
    })
    if (!patched) changed('thread', event.rootId)
  })
}
