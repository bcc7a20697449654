import { existsSync } from 'node:fs'
import { resolve, sep } from 'node:path'
import type { HttpContext } from '@adonisjs/core/http'
import app from '@adonisjs/core/services/app'
import { NotFoundException } from '#exceptions/app_exception'

/** Where `vite build` writes the web client (web/vite.config.ts). */
export const WEB_CLIENT_DIR = 'public'

/**
 * The page's Content-Security-Policy: scripts, styles and connections only
 * from Parley itself (no inline script, no eval, nothing from elsewhere);
 * images and media also from `data:`/`blob:` URLs the client makes.
 */
export const WEB_CLIENT_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ')

/**
 * Serves the built web client (web/ → public/): the page at `/` and at the
 * invite links (`/invites/:token`), and its hashed assets. Only these paths
 * are served, so every API route keeps priority and an unknown path stays a
 * JSON 404.
 */
export default class WebClientController {
  /**
   * GET /, the mailed links (`/invites/:token`, `/verify-email/:token`,
   * `/reset-password/:token`) and the single sign-on redirect URI
   * (`/auth/oidc/callback`): the single page.
   */
  async page({ response }: HttpContext) {
    response.header('content-security-policy', WEB_CLIENT_CSP)
    const file = app.makePath(WEB_CLIENT_DIR, 'index.html')
    if (!existsSync(file)) {
      throw new NotFoundException('The web client is not built: run `npm run build:web`')
    }
    response.header('cache-control', 'no-cache')
    return response.download(file, true)
  }

  /** GET /assets/*: hashed file names, cached for a year. */
  async asset({ params, response }: HttpContext) {
    const root = app.makePath(WEB_CLIENT_DIR, 'assets')
    const file = resolve(root, ...(params['*'] as string[]))
    if (!file.startsWith(root + sep) || !existsSync(file)) {
      throw new NotFoundException('Asset not found')
    }
    response.header('cache-control', 'public, max-age=31536000, immutable')
    return response.download(file, true)
  }
}
