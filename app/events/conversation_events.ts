import type Message from '#models/message'

/*
 * Conversation events (reactions, pins), emitted by their actions after
 * commit. Each carries the message's new `versionSeq`: a client that saw
 * the event can move its `after=` cursor past it.
 */

/** Payload of `reaction:added` / `reaction:removed`: `count` is the emoji's count after the change. */
export interface ReactionChanged {
  organizationId: string
  roomId: string
  messageId: string
  userId: string
  emoji: string
  count: number
  versionSeq: number
}

/** Payload of `message:pinned`: the message, as a model (the fan-out shapes it). */
export interface MessagePinned {
  organizationId: string
  roomId: string
  message: Message
  pinnedById: string
}

/** Payload of `message:unpinned`. */
export interface MessageUnpinned {
  organizationId: string
  roomId: string
  messageId: string
  versionSeq: number
}

/**
 * Payload of `thread:updated`: a reply joined the thread rooted at `root`
 * (a model with its extras loaded; the fan-out shapes its thread summary).
 */
export interface ThreadUpdated {
  organizationId: string
  roomId: string
  root: Message
  replyId: string
}

/** Payload of `message:preview_added`: a plugin attached a link preview. */
export interface MessagePreviewAdded {
  organizationId: string
  roomId: string
  messageId: string
  versionSeq: number
  preview: {
    url: string
    title: string | null
    description: string | null
    imageUrl: string | null
    siteName: string | null
  }
}

declare module '@adonisjs/core/types' {
  interface EventsList {
    'reaction:added': ReactionChanged
    'reaction:removed': ReactionChanged
    'message:pinned': MessagePinned
    'message:unpinned': MessageUnpinned
    'thread:updated': ThreadUpdated
    'message:preview_added': MessagePreviewAdded
  }
}
