import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { NotFoundException } from '#exceptions/app_exception'
import { contentDisposition, servedInline } from '#services/media_storage'

/** The name Drive gives its file-serving route for the media disk. */
const FILE_ROUTE = 'drive.fs.serve'

/** Where that route serves files (config/drive.ts `routeBasePath`). */
const FILES_PREFIX = '/media/files/'

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}'

/**
 * The only keys Parley signs: `<organizationId>/<roomId>/<mediaId>` and its
 * thumbnail `….thumb.webp` (app/actions/media/add_media.ts, media_images.ts).
 */
const MEDIA_KEY = new RegExp(`^${UUID}/${UUID}/${UUID}(\\.thumb\\.webp)?$`)

/**
 * Guards Drive's signed file route (/media/files/*) on both sides:
 *
 * - Before it: a path that is not one of the keys Parley signs (`..`,
 *   encoded separators, absolute paths, anything else) is a JSON 404, so
 *   Drive never resolves a path that could leave the media disk.
 * - After it: Drive's plain-text 401 for a bad or expired signature becomes
 *   the DESIGN.md error shape, and every file is served with `nosniff` and
 *   `Content-Security-Policy: sandbox`, inline only when its type is safe
 *   inline (raster images, audio, video) and as an attachment otherwise,
 *   whatever the signed URL asked for (URLs signed before a policy change
 *   included). A missing file is an exception: the handler makes it a 404.
 */
export default class SignedDownloadMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    const path = ctx.request.url()
    if (path.startsWith(FILES_PREFIX) && !MEDIA_KEY.test(path.slice(FILES_PREFIX.length))) {
      throw new NotFoundException('File not found')
    }
    await next()
    if (ctx.route?.name !== FILE_ROUTE) return
    const { response } = ctx
    if (response.getStatus() === 401) {
      response.status(401).send({
        errors: [
          { code: 'E_UNAUTHORIZED', message: 'The download link is invalid or has expired' },
        ],
      })
      return
    }
    response.header('X-Content-Type-Options', 'nosniff')
    response.header('Content-Security-Policy', 'sandbox')
    const type = String(response.getHeader('Content-Type') ?? '')
    if (!servedInline(type)) {
      const name = fileName(String(response.getHeader('Content-Disposition') ?? ''))
      response.header(
        'Content-Disposition',
        name ? contentDisposition('attachment', name) : 'attachment'
      )
    }
  }
}

/** The file name of a Content-Disposition value (RFC 6266 `filename*` first), if any. */
function fileName(disposition: string): string | undefined {
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1]
  if (encoded) {
    try {
      return decodeURIComponent(encoded)
    } catch {}
  }
  return /filename="([^"]*)"/i.exec(disposition)?.[1]
}
