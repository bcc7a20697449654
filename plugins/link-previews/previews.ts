import { addLinkPreview, type PlaintextMessage } from '#extensions/messages'
import { safeFetch, type SafeFetchOptions } from './safe_fetch.js'
import { firstUrl, openGraph } from './open_graph.js'

/**
 * Previews one message: the first URL of its text, fetched safely, its
 * Open Graph data attached to the message. Returns whether a preview was
 * attached; a refused or failed fetch attaches nothing.
 */
export async function previewMessage(message: PlaintextMessage, options: SafeFetchOptions) {
  const url = firstUrl(message.content)
  if (!url) return false
  const page = await safeFetch(url, options)
  return addLinkPreview(message.messageId, openGraph(page.url, page.html))
}
