import type { MentionKind } from '#models/message_mention'

/** What a read aggregated besides a message's row (app/domain/messages/message_extras.ts). */
export interface MessageExtras {
  reactions?: unknown
  pin?: unknown
  thread?: unknown
  thread_root_id?: unknown
  preview?: unknown
}

/**
 * A message as the history read path hands it over: the stored row, read
 * straight into plain fields (no Lucid model), its body already decrypted
 * and its mentions aggregated by the same statement. Shaped for clients by
 * `MessageRecordTransformer`, into the same JSON as `MessageTransformer`.
 */
export interface MessageRecord {
  id: string
  roomId: string
  senderId: string | null
  seq: number
  versionSeq: number
  replyToId: string | null
  /** A reply that stays in its thread (absent from timeline pages). */
  threadOnly: boolean
  clientMessageId: string | null
  /** Decrypted body; null for deleted messages and end-to-end rooms. */
  body: string | null
  encryptedPayload: Record<string, unknown> | null
  mentions: { userId: string; kind: MentionKind }[]
  /** Reactions (with the reader's own), pin and thread, aggregated by the same statement. */
  extras: MessageExtras
  editedAt: Date | null
  deletedAt: Date | null
  createdAt: Date
}
