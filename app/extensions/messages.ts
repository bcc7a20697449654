import emitter from '@adonisjs/core/services/emitter'
import AddLinkPreview from '#actions/messages/add_link_preview'

/*
 * Messages for plugins: committed plaintext messages as they are sent (ids
 * and the decrypted text, never models), and the one thing a plugin may add
 * to a message, a link preview.
 */

export type { LinkPreviewInput } from '#actions/messages/add_link_preview'

/** A committed message of a plaintext room. */
export interface PlaintextMessage {
  organizationId: string
  roomId: string
  messageId: string
  content: string
}

/**
 * Calls `handler` after each plaintext message commits (never for end-to-end
 * encrypted rooms, whose text the server cannot read). Returns the undo.
 */
export function onPlaintextMessage(handler: (message: PlaintextMessage) => unknown) {
  const listener = ({
    organizationId,
    roomId,
    message,
  }: {
    organizationId: string
    roomId: string
    message: { id: string; body: string | null; encryptedPayload: unknown }
  }) => {
    if (message.encryptedPayload || message.body === null) return
    return handler({ organizationId, roomId, messageId: message.id, content: message.body })
  }
  emitter.on('message:created', listener)
  return () => emitter.off('message:created', listener)
}

/** Attaches a preview to a message (stored, restamped, `link_preview` to the room). */
export function addLinkPreview(
  messageId: string,
  preview: Parameters<typeof AddLinkPreview.handle>[1]
) {
  return AddLinkPreview.handle(messageId, preview)
}
