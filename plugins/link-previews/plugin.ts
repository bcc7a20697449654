import vine from '@vinejs/vine'
import { definePlugin } from '#extensions/plugin'

/**
 * link-previews (off unless listed in PARLEY_PLUGINS): after a plaintext
 * message commits, fetches the first http(s) URL of its text server-side
 * and attaches the page's Open Graph data (`preview` on the message, a
 * `link_preview` event). The fetch is SSRF-safe (safe_fetch.ts): private,
 * loopback, link-local and metadata addresses are refused, after redirects
 * too; HTML only, capped in bytes (LINK_PREVIEWS_MAX_BYTES, 512 KiB) and
 * time (LINK_PREVIEWS_TIMEOUT_MS, 5 s), with no cookie or token sent.
 * End-to-end encrypted rooms are never previewed.
 */
export default definePlugin({
  id: 'link-previews',
  version: '1.0.0',
  requires: [],
  configSchema: vine.object({
    LINK_PREVIEWS_TIMEOUT_MS: vine.number().withoutDecimals().min(100).max(30_000).optional(),
    LINK_PREVIEWS_MAX_BYTES: vine
      .number()
      .withoutDecimals()
      .min(1024)
      .max(5 * 1024 * 1024)
      .optional(),
  }),
  provider: () => import('./provider.js'),
})
