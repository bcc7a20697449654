import type { ApplicationService } from '@adonisjs/core/types'
import logger from '@adonisjs/core/services/logger'
import type { PluginHooks } from '#extensions/plugin'
import { onPlaintextMessage } from '#extensions/messages'
import { previewMessage } from './previews.js'
import type { SafeFetchOptions } from './safe_fetch.js'

/** The plugin's settings, as validated by its manifest. */
interface LinkPreviewsEnv {
  LINK_PREVIEWS_TIMEOUT_MS?: number
  LINK_PREVIEWS_MAX_BYTES?: number
}

/**
 * link-previews' lifecycle: `ready` subscribes to committed plaintext
 * messages (previews run after the sender got their ack, off the send
 * path), `shutdown` unsubscribes and waits for previews under way.
 */
export default class LinkPreviewsProvider implements PluginHooks {
  #options: SafeFetchOptions
  #off?: () => void
  #pending = new Set<Promise<unknown>>()

  constructor(
    protected app: ApplicationService,
    env: LinkPreviewsEnv
  ) {
    this.#options = {
      timeoutMs: env.LINK_PREVIEWS_TIMEOUT_MS ?? 5000,
      maxBytes: env.LINK_PREVIEWS_MAX_BYTES ?? 512 * 1024,
      maxRedirects: 3,
    }
  }

  ready() {
    this.#off = onPlaintextMessage((message) => {
      const work = previewMessage(message, this.#options).catch((error) => {
        logger.info(
          { messageId: message.messageId, reason: String(error?.message) },
          'no link preview'
        )
      })
      this.#pending.add(work)
      work.finally(() => this.#pending.delete(work))
    })
  }

  async shutdown() {
    this.#off?.()
    await Promise.allSettled([...this.#pending])
  }
}
