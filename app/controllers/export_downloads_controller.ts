import type { HttpContext } from '@adonisjs/core/http'
import MarkExportDownloaded from '#actions/exports/mark_export_downloaded'
import ExportQueries, { DOWNLOAD_PURPOSE } from '#queries/exports'
import { AppException } from '#exceptions/app_exception'

/**
 * Downloads of ready archives through signed, short-lived links (the
 * `download.url` of an export): the signature is the only credential, as
 * for media (DESIGN §7); an expired or altered link is 401.
 */
export default class ExportDownloadsController {
  /** GET /exports/:exportId/download?expires=&signature= */
  async show({ params, request, response }: HttpContext) {
    if (!request.hasValidSignature(DOWNLOAD_PURPOSE)) {
      throw new AppException('This download link is invalid or has expired', {
        status: 401,
        code: 'E_UNAUTHORIZED',
      })
    }
    const archive = await ExportQueries.archive(params.exportId)
    await MarkExportDownloaded.handle(archive.row)
    response.header('content-type', 'application/zip')
    response.header('content-length', String(archive.size))
    response.header('content-disposition', `attachment; filename="${archive.fileName}"`)
    response.header('cache-control', 'no-store')
    response.stream(archive.stream)
  }
}
