import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'

/** The name Drive gives its file-serving route for the media disk. */
const FILE_ROUTE = 'drive.fs.serve'

/**
 * Drive's file server answers a bad or expired signature with a plain-text
 * 401 of its own. This rewrites that answer into the DESIGN.md error shape so
 * that signed downloads fail like every other door. (A missing file is an
 * exception and goes through the exception handler: 404.)
 */
export default class SignedDownloadMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    await next()
    if (ctx.route?.name !== FILE_ROUTE || ctx.response.getStatus() !== 401) return
    ctx.response.status(401).send({
      errors: [{ code: 'E_UNAUTHORIZED', message: 'The download link is invalid or has expired' }],
    })
  }
}
