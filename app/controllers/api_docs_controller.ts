import { readFileSync } from 'node:fs'
import type { HttpContext } from '@adonisjs/core/http'
import app from '@adonisjs/core/services/app'
import { openApiDocument } from '#openapi/document'
import { referencePage } from '#openapi/reference_page'

let cachedVersion: string | undefined

/** Parley's version from package.json (the document's `info.version`), read once. */
function version(): string {
  cachedVersion ??= JSON.parse(readFileSync(app.makePath('package.json'), 'utf8')).version
  return cachedVersion ?? '0.0.0'
}

/** The API description: the OpenAPI document and its rendered reference. */
export default class ApiDocsController {
  /** GET /openapi.json */
  async document({ response }: HttpContext) {
    return response.json(openApiDocument(version()))
  }

  /** GET /docs */
  async reference({ response }: HttpContext) {
    response.header('content-type', 'text/html; charset=utf-8')
    return referencePage(openApiDocument(version()))
  }
}
