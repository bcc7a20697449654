import { isUuidParam } from '#services/route_params'

/**
 * Small builders for the OpenAPI 3.1 document (app/openapi/document.ts), so
 * each module's paths read as a table of operations instead of nested JSON.
 * Every operation gets the error responses its middleware can produce, in
 * the one error shape of DESIGN.md §10.
 */

/** A JSON Schema object (OpenAPI 3.1 uses JSON Schema 2020-12). */
export type Schema = Record<string, unknown>

/** One OpenAPI operation object. */
export type Operation = Record<string, unknown>

/** The paths object: `path -> method -> operation`. */
export type Paths = Record<string, Record<string, Operation>>

/** `$ref` to a component schema. */
export const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` })

/** A string, optionally with a format. */
export const str = (extra: Schema = {}): Schema => ({ type: 'string', ...extra })

/** A uuid string. */
export const uuid = (): Schema => str({ format: 'uuid' })

/** An ISO 8601 timestamp. */
export const time = (): Schema => str({ format: 'date-time' })

/** An integer. */
export const int = (extra: Schema = {}): Schema => ({ type: 'integer', ...extra })

/** A boolean. */
export const bool = (): Schema => ({ type: 'boolean' })

/** `schema` or null. */
export const nullable = (schema: Schema): Schema => ({ anyOf: [schema, { type: 'null' }] })

/** An array of `items`. */
export const list = (items: Schema, extra: Schema = {}): Schema => ({
  type: 'array',
  items,
  ...extra,
})

/**
 * A closed object: every listed property is required unless its name ends
 * with `?`, and nothing else is allowed, so a field added to a transformer
 * without documenting it fails the response checks.
 */
export function obj(properties: Record<string, Schema>, open = false): Schema {
  const props: Record<string, Schema> = {}
  const required: string[] = []
  for (const [key, schema] of Object.entries(properties)) {
    const optional = key.endsWith('?')
    const name = optional ? key.slice(0, -1) : key
    props[name] = schema
    if (!optional) required.push(name)
  }
  return { type: 'object', properties: props, required, additionalProperties: open }
}

/** The success envelope `{ data }`. */
export const data = (schema: Schema): Schema => obj({ data: schema })

/** A page of `item`: `{ data: [...], meta: { total, perPage, currentPage, lastPage, … } }`. */
export const page = (item: Schema): Schema => obj({ data: list(item), meta: ref('PageMeta') })

type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 503

const errorText: Record<ErrorStatus, string> = {
  400: 'Malformed request or missing organization context',
  401: 'Missing, invalid or revoked token',
  403: 'The caller’s role is too low',
  404: 'Absent, or another organization’s',
  409: 'Conflict with the current state',
  413: 'Body too large',
  415: 'Type not allowed',
  422: 'Validation failed (one entry per field)',
  429: 'Rate limited (see Retry-After)',
  503: 'A required check failed, or this node lacks the master key of the room’s key (E_KEYRING_STALE: restart it with the current ENCRYPTION_KEYS)',
}

/** The error response for a status, in the DESIGN.md error shape. */
function errorResponse(status: ErrorStatus) {
  const response = {
    description: errorText[status],
    content: { 'application/json': { schema: ref('Errors') } },
  }
  if (status !== 429) return response
  const retryAfter = {
    description: 'Seconds to wait before trying again',
    schema: { type: 'integer', minimum: 0 },
  }
  return { ...response, headers: { 'Retry-After': retryAfter } }
}

/**
 * Any unexpected failure: `E_INTERNAL` with a generic message and the
 * request id (also in `X-Request-Id` and the server's log line), never
 * internals.
 */
const internalErrorResponse = {
  description: 'Internal error (`E_INTERNAL` with `requestId`; no internals are sent)',
  content: { 'application/json': { schema: ref('Errors') } },
}

/** What an operation declares; the builder adds the envelope and error responses. */
export interface OperationSpec {
  summary: string
  tag: string
  /** Needs a bearer token (default true). */
  auth?: boolean
  /** Runs in an organization context (`x-organization-id` or the active org). */
  org?: boolean
  /** The JSON body schema. */
  body?: Schema
  /** A multipart body with one `file` field. */
  upload?: boolean
  /** Query parameters (all optional). */
  query?: Record<string, Schema>
  /** Success responses: status -> schema (null for no body), or a content type map. */
  ok: Record<number, Schema | null | { content: Record<string, Schema>; description?: string }>
  /** Error statuses beyond those implied by auth, org, body and params. */
  errors?: ErrorStatus[]
  description?: string
}

/** Path parameters of an OpenAPI path (`/rooms/{roomId}` -> `roomId`), UUIDs where routes say so. */
function pathParams(path: string) {
  return [...path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({
    name,
    in: 'path',
    required: true,
    schema: isUuidParam(path, name) ? uuid() : str(),
  }))
}

function successResponse(status: number, spec: OperationSpec['ok'][number]) {
  if (spec === null) return { description: status === 204 ? 'No content' : 'OK' }
  if ('content' in spec && typeof spec.content === 'object' && spec.content !== null) {
    const typed = spec as { content: Record<string, Schema>; description?: string }
    const content = Object.fromEntries(
      Object.entries(typed.content).map(([type, schema]) => [type, { schema }])
    )
    return { description: typed.description ?? 'OK', content }
  }
  return {
    description: status === 201 ? 'Created' : 'OK',
    content: { 'application/json': { schema: spec } },
  }
}

/** Builds one operation object with its parameters and responses. */
export function op(path: string, spec: OperationSpec): Operation {
  const auth = spec.auth ?? true
  const statuses = new Set<ErrorStatus>(spec.errors ?? [])
  if (auth) statuses.add(401)
  if (spec.org) statuses.add(400).add(404)
  if (pathParams(path).length) statuses.add(404)
  if (spec.body || spec.query || spec.upload) statuses.add(422)
  if (spec.body) statuses.add(400).add(413)

  const responses: Record<string, unknown> = {}
  for (const [status, schema] of Object.entries(spec.ok)) {
    responses[status] = successResponse(Number(status), schema)
  }
  for (const status of [...statuses].sort()) responses[String(status)] = errorResponse(status)
  responses['5XX'] = internalErrorResponse

  const parameters: unknown[] = pathParams(path)
  if (spec.org) {
    parameters.push({
      name: 'x-organization-id',
      in: 'header',
      required: false,
      description: 'The organization context; defaults to the active organization',
      schema: uuid(),
    })
  }
  for (const [name, schema] of Object.entries(spec.query ?? {})) {
    parameters.push({ name, in: 'query', required: false, schema })
  }

  const operation: Operation = {
    tags: [spec.tag],
    summary: spec.summary,
    ...(spec.description ? { description: spec.description } : {}),
    ...(parameters.length ? { parameters } : {}),
    security: auth ? [{ bearer: [] }] : [],
    responses,
  }
  if (spec.body) {
    operation.requestBody = {
      required: true,
      content: { 'application/json': { schema: spec.body } },
    }
  }
  if (spec.upload) {
    operation.requestBody = {
      required: true,
      content: {
        'multipart/form-data': {
          schema: obj({ file: str({ contentMediaType: 'application/octet-stream' }) }),
        },
      },
    }
  }
  return operation
}

/**
 * Wildcard routes whose URLs have a known shape, described segment by
 * segment (an OpenAPI path parameter is exactly one segment). Drive's
 * signed file route `/media/files/*` serves only the keys Parley signs,
 * `<organizationId>/<roomId>/<file>`; any other shape is a 404 before Drive
 * sees it (app/middleware/signed_download_middleware.ts).
 */
export const WILDCARD_PATHS: Record<string, string> = {
  '/media/files/*': '/media/files/{organizationId}/{roomId}/{file}',
}

/**
 * Turns an AdonisJS pattern (`/rooms/:roomId`) into an OpenAPI path
 * (`/rooms/{roomId}`); a trailing wildcard becomes its WILDCARD_PATHS entry,
 * or else one `{path}` segment.
 */
export function openApiPath(pattern: string) {
  const absolute = pattern.startsWith('/') ? pattern : `/${pattern}`
  if (WILDCARD_PATHS[absolute]) return WILDCARD_PATHS[absolute]
  return absolute.replace(/:(\w+)/g, '{$1}').replace(/\*$/, '{path}')
}

/**
 * Every POST, PUT, PATCH and DELETE reads a JSON body when one is sent, so
 * each may answer 400 to a malformed one (not JSON, not an object, nested
 * too deeply) even when it takes no body; and every path with a parameter
 * may answer 400 to a broken percent-escape in it (`/users/%ff`). Adds that
 * response where missing.
 */
export function withBodyErrors(paths: Paths): Paths {
  for (const [path, operations] of Object.entries(paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      const readsBody = ['post', 'put', 'patch', 'delete'].includes(method)
      if (!readsBody && !path.includes('{')) continue
      const responses = operation.responses as Record<string, unknown>
      responses['400'] ??= errorResponse(400)
    }
  }
  return paths
}
