import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import type { ApiResponse } from '@japa/api-client'
import { openApiDocument, type OpenApiDocument } from '#openapi/document'

/*
 * Keeps /openapi.json true: every response the functional suites receive is
 * checked against the document (status documented, JSON body matching the
 * schema), so a route or field that drifts from it fails the test that hit
 * it. Plugins that register paths at boot are included because the document
 * is read when the first response arrives. A path parameter matches one
 * segment, as OpenAPI defines it.
 */

type Json = Record<string, unknown>

interface Compiled {
  document: OpenApiDocument
  matchers: { regex: RegExp; path: string }[]
  validators: Map<string, ValidateFunction>
  ajv: Ajv2020
}

let compiled: Compiled | undefined

function compile(): Compiled {
  const document = openApiDocument()
  const ajv = new Ajv2020({ strict: false, allErrors: true })
  addFormats.default(ajv)
  ajv.addSchema({ $id: 'parley', components: document.components })
  const matchers = Object.keys(document.paths)
    .map((path) => ({
      path,
      regex: new RegExp(`^${path.replace(/\{\w+\}/g, '[^/]+')}$`),
    }))
    .sort((a, b) => literalLength(b.path) - literalLength(a.path))
  return { document, matchers, validators: new Map(), ajv }
}

/** Literal characters of a path, so `/users/me` wins over `/users/{id}`. */
const literalLength = (path: string) => path.replace(/\{\w+\}/g, '').length

function validator(state: Compiled, key: string, schema: unknown) {
  let validate = state.validators.get(key)
  if (!validate) {
    const text = JSON.stringify(schema).replaceAll('"#/components/', '"parley#/components/')
    validate = state.ajv.compile(JSON.parse(text))
    state.validators.set(key, validate)
  }
  return validate
}

/** What is wrong with a response according to the document (empty when it matches). */
export function specProblems(
  method: string,
  url: string,
  status: number,
  type: string,
  body: unknown
) {
  compiled ??= compile()
  const pathname = new URL(url, 'http://local').pathname
  const match = compiled.matchers.find((matcher) => matcher.regex.test(pathname))
  if (!match) return status === 404 ? [] : [`${method} ${pathname} is not in /openapi.json`]
  const operation = (compiled.document.paths as Json)[match.path] as Record<string, Json>
  const verb = method.toLowerCase() === 'head' ? 'get' : method.toLowerCase()
  const spec = operation[verb]
  if (!spec) return status === 404 ? [] : [`${method} ${match.path} is not in /openapi.json`]
  const response = (spec.responses as Record<string, Json>)[String(status)]
  if (!response) return [`${status} is not documented for ${method} ${match.path}`]
  const content = response.content as Record<string, Json> | undefined
  if (!content || !type.includes('application/json')) return []
  const schema = content['application/json']?.schema
  if (!schema) return [`${method} ${match.path} ${status} answers JSON, documented otherwise`]
  const validate = validator(compiled, `${verb} ${match.path} ${status}`, schema)
  if (validate(body)) return []
  return (validate.errors ?? []).map(
    (error) => `${method} ${match.path} ${status}: ${error.instancePath || '/'} ${error.message}`
  )
}

/** An api-client teardown hook: fails the request whose response drifts from the document. */
export function checkAgainstOpenApi(response: ApiResponse) {
  const request = response.request.config
  if (response.hasFatalError()) return
  const problems = specProblems(
    request.method,
    request.endpoint,
    response.status(),
    String(response.header('content-type') ?? ''),
    response.body()
  )
  if (problems.length) {
    throw new Error(`Response does not match /openapi.json:\n${problems.join('\n')}`)
  }
}

type Param = { name: string; in: string; schema?: { format?: string } }
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** Whether one path segment of each template can match the same text. */
function segmentsOverlap(a: string, b: string, formats: Map<string, string | undefined>) {
  const param = (segment: string) => /^\{(\w+)\}$/.exec(segment)?.[1]
  const [pa, pb] = [param(a), param(b)]
  if (!pa && !pb) return a === b
  if (pa && pb) return true
  const [name, literal] = pa ? [pa, b] : [pb!, a]
  return formats.get(name) !== 'uuid' || UUID.test(literal)
}

/**
 * Pairs of operations (same method) whose paths can match one URL, given
 * each path parameter's declared format: what OpenAPI linters report as
 * ambiguous paths, and what makes one route shadow another.
 */
export function ambiguousOperations(document: { paths: Record<string, any> }) {
  const entries = Object.entries(document.paths).flatMap(([path, operations]) =>
    Object.entries(operations as Record<string, { parameters?: Param[] }>).map(
      ([method, operation]) => {
        const params = (operation.parameters ?? []).filter((p) => p.in === 'path')
        const formats = new Map(params.map((p) => [p.name, p.schema?.format]))
        return { path, method, segments: path.split('/'), formats }
      }
    )
  )
  const pairs: string[] = []
  for (const [i, a] of entries.entries()) {
    for (const b of entries.slice(i + 1)) {
      if (a.method !== b.method || a.segments.length !== b.segments.length) continue
      const formats = new Map([...a.formats, ...b.formats])
      if (a.segments.every((s, k) => segmentsOverlap(s, b.segments[k], formats))) {
        pairs.push(`${a.method.toUpperCase()} ${a.path} ~ ${b.path}`)
      }
    }
  }
  return pairs
}
