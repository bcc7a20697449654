import type { HttpContext } from '@adonisjs/core/http'
import app from '@adonisjs/core/services/app'
import { openApiDocument } from '#openapi/document'
import { referencePage } from '#openapi/reference_page'

/** The API description: the OpenAPI document and its rendered reference. */
export default class ApiDocsController {
  /** GET /openapi.json */
  async document({ response }: HttpContext) {
    return response.json(openApiDocument(app.version?.toString() ?? '0.0.0'))
  }

  /** GET /docs */
  async reference({ response }: HttpContext) {
    response.header('content-type', 'text/html; charset=utf-8')
    return referencePage(openApiDocument(app.version?.toString() ?? '0.0.0'))
  }
}
