import type { HttpContext } from '@adonisjs/core/http'
import { openApiDocument, type OpenApiDocument } from '#openapi/document'
import { REFERENCE_PAGE_CSP, referencePage } from '#openapi/reference_page'

let page: { document: OpenApiDocument; html: string } | undefined

/** The API description: the OpenAPI document and its rendered reference. */
export default class ApiDocsController {
  /** GET /openapi.json */
  async document({ response }: HttpContext) {
    return response.json(openApiDocument())
  }

  /** GET /docs, rendered again only when the document changed (a plugin registered paths). */
  async reference({ response }: HttpContext) {
    const document = openApiDocument()
    if (page?.document !== document) page = { document, html: referencePage(document) }
    response.header('content-type', 'text/html; charset=utf-8')
    response.header('content-security-policy', REFERENCE_PAGE_CSP)
    return page.html
  }
}
