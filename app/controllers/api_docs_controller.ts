import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import type { HttpContext } from '@adonisjs/core/http'
import { openApiDocument } from '#openapi/document'
import { asyncApiDocument, type AsyncApiDocument } from '#openapi/asyncapi'
import {
  DOCS_PAGE,
  DOCS_PAGE_CSP,
  DOCS_SCRIPT,
  DOCS_STYLE,
  REFERENCE_PAGE_CSP,
  realtimePage,
} from '#openapi/reference_page'

/** The files /docs/assets/ serves: Swagger UI's from npm, and Parley's own two. */
const ASSETS: Record<string, { type: string; body: () => Promise<string> }> = {
  'swagger-ui-bundle.js': {
    type: 'text/javascript',
    body: () => swaggerFile('swagger-ui-bundle.js'),
  },
  'swagger-ui.css': { type: 'text/css', body: () => swaggerFile('swagger-ui.css') },
  'docs.js': { type: 'text/javascript', body: async () => DOCS_SCRIPT },
  'docs.css': { type: 'text/css', body: async () => DOCS_STYLE },
}

const swaggerDir = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'))
const assetCache = new Map<string, string>()

async function swaggerFile(name: string) {
  return readFile(join(swaggerDir, name), 'utf8')
}

let realtime: { document: AsyncApiDocument; html: string } | undefined

/** The API description: the OpenAPI and AsyncAPI documents and their rendered references. */
export default class ApiDocsController {
  /** GET /openapi.json */
  async document({ response }: HttpContext) {
    return response.json(openApiDocument())
  }

  /** GET /asyncapi.json: the Socket.IO and SSE contract. */
  async asyncApi({ response }: HttpContext) {
    return response.json(asyncApiDocument())
  }

  /** GET /docs: Swagger UI on /openapi.json. */
  async reference({ response }: HttpContext) {
    response.header('content-type', 'text/html; charset=utf-8')
    response.header('content-security-policy', DOCS_PAGE_CSP)
    return DOCS_PAGE
  }

  /** GET /docs/realtime: the Socket.IO and SSE reference from /asyncapi.json. */
  async realtime({ response }: HttpContext) {
    const document = asyncApiDocument()
    if (realtime?.document !== document) realtime = { document, html: realtimePage(document) }
    response.header('content-type', 'text/html; charset=utf-8')
    response.header('content-security-policy', REFERENCE_PAGE_CSP)
    return realtime.html
  }

  /** GET /docs/assets/:file: Swagger UI's files and the page's own script and style. */
  async asset({ params, response }: HttpContext) {
    // Own keys only: `__proto__` or `toString` must be a 404 like any unknown name.
    const asset = Object.hasOwn(ASSETS, params.file) ? ASSETS[params.file] : undefined
    if (!asset)
      return response.notFound({ errors: [{ code: 'E_NOT_FOUND', message: 'File not found' }] })
    let body = assetCache.get(params.file)
    if (body === undefined) {
      body = await asset.body()
      assetCache.set(params.file, body)
    }
    response.header('content-type', `${asset.type}; charset=utf-8`)
    response.header('cache-control', 'public, max-age=3600')
    return body
  }
}
