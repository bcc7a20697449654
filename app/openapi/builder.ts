import { isUuidParam } from '#services/route_params'
import { componentExamples, ids } from './examples.js'

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

/** A schema with its description (query parameters must have one). */
export const described = (schema: Schema, description: string): Described => ({
  ...schema,
  description,
})

/** The `page` and `perPage` query parameters of paginated lists. */
export const paging = {
  page: described({ type: 'integer', minimum: 1 }, 'The page, from 1'),
  perPage: described({ type: 'integer', minimum: 1, maximum: 100 }, 'Items per page (≤ 100)'),
}

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

type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 502 | 503

const errorText: Record<ErrorStatus, string> = {
  400: 'Malformed request or missing organization context',
  401: 'Missing, invalid or revoked token',
  403: 'The caller’s role is too low, or the organization requires two-factor authentication (E_TWO_FACTOR_REQUIRED), or a bot may not use this route (E_BOT_FORBIDDEN)',
  404: 'Absent, or another organization’s',
  409: 'Conflict with the current state',
  413: 'Body too large',
  415: 'Type not allowed',
  422: 'Validation failed (one entry per field)',
  429: 'Rate limited (see Retry-After)',
  502: 'A slash command’s endpoint failed, timed out or answered something invalid (E_COMMAND_FAILED)',
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

/** Names of the path parameters of an OpenAPI path template (`/rooms/{roomId}` -> `roomId`). */
export type PathParams<Path extends string> = Path extends `${string}{${infer Name}}${infer Rest}`
  ? Name | PathParams<Rest>
  : never

/**
 * Path parameters named the same way on every route, described once here;
 * any other parameter needs its description in the operation (`params`).
 */
export const PARAM_DESCRIPTIONS = {
  orgId: 'The organization’s id (another organization’s is 404)',
  organizationId: 'The organization’s id',
  roomId: 'The room’s id (a room the caller is not in is 404)',
  messageId: 'The message’s id',
  memberId: 'The member’s user id',
  id: 'The user’s id (a user sharing no organization with the caller is 404)',
  mediaId: 'The file’s id',
  notificationId: 'The notification’s id',
  inviteId: 'The invite’s id',
  deviceId: 'The device’s id (a UUID the client chose)',
  sessionId: 'The session’s id',
  username: 'The username',
}

type KnownParam = keyof typeof PARAM_DESCRIPTIONS

/** Descriptions of a path's parameters: required for each one PARAM_DESCRIPTIONS lacks. */
type ParamsPart<Path extends string> = [Exclude<PathParams<Path>, KnownParam>] extends [never]
  ? { params?: Partial<Record<PathParams<Path>, string>> }
  : {
      params: Record<Exclude<PathParams<Path>, KnownParam>, string> &
        Partial<Record<KnownParam, string>>
    }

/** A JSON body always comes with an example of it. */
type BodyPart =
  { body: Schema; requestExample: unknown } | { body?: undefined; requestExample?: undefined }

/** A schema with a description (query parameters must say what they do). */
export type Described = Schema & { description: string }

/** What every operation declares, whatever its path. */
interface BaseSpec {
  /** Unique, camelCase: what generated clients name the method. */
  operationId: string
  summary: string
  description: string
  tag: string
  /** Needs a bearer token (default true). */
  auth?: boolean
  /** Runs in an organization context (`x-organization-id` or the active org). */
  org?: boolean
  /** A multipart body with one `file` field. */
  upload?: boolean
  /** Query parameters (all optional), each with its description. */
  query?: Record<string, Described>
  /** Success responses: status -> schema (null for no body), or a content type map. */
  ok: Record<number, Schema | null | { content: Record<string, Schema>; description?: string }>
  /**
   * Example of the first JSON success response. When omitted it is composed
   * from the component examples (app/openapi/examples.ts) where the schema is
   * made of them; tests/functional/system/openapi_reference.spec.ts fails an
   * operation left without one.
   */
  example?: unknown
  /** Error statuses beyond those implied by auth, org, body and params. */
  errors?: ErrorStatus[]
}

/**
 * What an operation declares; the builder adds the envelope and error
 * responses. One object per operation: operationId, summary, description,
 * the descriptions of its parameters and a request example are required by
 * the type, so an operation added without them fails `tsc`.
 */
export type OperationSpec<Path extends string = string> = BaseSpec & ParamsPart<Path> & BodyPart

/** Path parameters of an OpenAPI path (`/rooms/{roomId}` -> `roomId`), UUIDs where routes say so. */
function pathParams(path: string, descriptions: Record<string, string | undefined> = {}) {
  return [...path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({
    name,
    in: 'path',
    required: true,
    description:
      descriptions[name] ?? PARAM_DESCRIPTIONS[name as KnownParam] ?? `The ${name} path segment`,
    schema: isUuidParam(path, name) ? uuid() : str(),
  }))
}

/**
 * An example for a schema composed from the component examples: a `$ref`
 * gives its component's example, objects and lists are built from their
 * parts, plain strings read `text`, and a part with no example of its own
 * (a pattern or an unknown format) leaves the whole without one.
 */
export function composeExample(schema: Schema | undefined): unknown {
  if (!schema) return undefined
  if (typeof schema.$ref === 'string') return componentExamples[schema.$ref.split('/').at(-1)!]
  if ('example' in schema) return schema.example
  if ('const' in schema) return schema.const
  if (Array.isArray(schema.enum)) return schema.enum[0]
  if (Array.isArray(schema.anyOf)) return composeExample(schema.anyOf[0] as Schema)
  if (Array.isArray(schema.type)) {
    for (const type of schema.type.filter((name) => name !== 'null')) {
      const value = composeExample({ ...schema, type })
      if (value !== undefined) return value
    }
    return schema.type.includes('null') ? null : undefined
  }
  if (schema.type === 'number') return (schema.minimum as number | undefined) ?? 0
  if (schema.type === 'null') return null
  if (schema.type === 'array') {
    const item = composeExample(schema.items as Schema)
    const count = Math.max(1, (schema.minItems as number | undefined) ?? 1)
    if (item === undefined) return schema.minItems ? undefined : []
    return Array.from({ length: count }, () => item)
  }
  if (schema.type === 'integer') return (schema.minimum as number | undefined) ?? 0
  if (schema.type === 'boolean') return true
  if (schema.type === 'string') {
    if (schema.format) return formatExamples[String(schema.format)]
    return schema.pattern || schema.minLength ? undefined : 'text'
  }
  if (schema.type !== 'object' || !schema.properties) return undefined
  const example: Record<string, unknown> = {}
  for (const name of (schema.required as string[]) ?? []) {
    const value = composeExample((schema.properties as Record<string, Schema>)[name])
    if (value === undefined) return undefined
    example[name] = value
  }
  return example
}

const formatExamples: Record<string, string> = {
  'uuid': ids.org,
  'date-time': '2026-12-04T09:30:00.000Z',
  'email': 'ann@example.com',
  'date': '2026-12-04',
}

function successResponse(status: number, spec: BaseSpec['ok'][number], example?: unknown) {
  if (spec === null) return { description: status === 204 ? 'No content' : 'OK' }
  if ('content' in spec && typeof spec.content === 'object' && spec.content !== null) {
    const typed = spec as { content: Record<string, Schema>; description?: string }
    const content = Object.fromEntries(
      Object.entries(typed.content).map(([type, schema]) => [type, { schema }])
    )
    return { description: typed.description ?? 'OK', content }
  }
  const value = example === undefined ? composeExample(spec) : example
  return {
    description: status === 201 ? 'Created' : 'OK',
    content: {
      'application/json': { schema: spec, ...(value === undefined ? {} : { example: value }) },
    },
  }
}

/** Builds one operation object with its parameters and responses. */
export function op<Path extends string>(path: Path, spec: OperationSpec<Path>): Operation {
  const auth = spec.auth ?? true
  const statuses = new Set<ErrorStatus>(spec.errors ?? [])
  if (auth) statuses.add(401)
  if (spec.org) statuses.add(400).add(404)
  if (spec.org || path.includes('{orgId}')) statuses.add(403)
  if (pathParams(path).length) statuses.add(404)
  if (spec.body || spec.query || spec.upload) statuses.add(422)
  if (spec.body) statuses.add(400).add(413)

  const responses: Record<string, unknown> = {}
  let exampled = false
  for (const [status, schema] of Object.entries(spec.ok)) {
    const json = Number(status) < 300 && !exampled
    responses[status] = successResponse(Number(status), schema, json ? spec.example : undefined)
    if (json && schema && !('content' in schema)) exampled = true
  }
  for (const status of [...statuses].sort()) responses[String(status)] = errorResponse(status)
  responses['5XX'] = internalErrorResponse

  const parameters: unknown[] = pathParams(path, spec.params as Record<string, string>)
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
    const { description, ...rest } = schema
    parameters.push({ name, in: 'query', required: false, description, schema: rest })
  }

  const operation: Operation = {
    operationId: spec.operationId,
    tags: [spec.tag],
    summary: spec.summary,
    description: spec.description,
    ...(parameters.length ? { parameters } : {}),
    security: auth ? [{ bearer: [] }] : [],
    responses,
  }
  if (spec.body) {
    operation.requestBody = {
      required: true,
      content: { 'application/json': { schema: spec.body, example: spec.requestExample } },
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
 * Routes a bot's API key never opens (app/middleware/auth_middleware.ts):
 * each may answer 403 E_BOT_FORBIDDEN. Adds that response where missing.
 */
export function withBotErrors(paths: Paths): Paths {
  const forbidden = (path: string, method: string) =>
    (path.startsWith('/auth/') && path !== '/auth/logout') ||
    (path === '/users/me' && method === 'put') ||
    (path === '/organizations' && method === 'post') ||
    path === '/organizations/accept-invite/{token}' ||
    path === '/organizations/{orgId}/leave'
  for (const [path, operations] of Object.entries(paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      const responses = operation.responses as Record<string, unknown>
      if (forbidden(path, method) && (operation.security as unknown[]).length) {
        responses['403'] ??= errorResponse(403)
      }
    }
  }
  return paths
}

/**
 * Every POST, PUT, PATCH and DELETE reads a JSON body when one is sent, so
 * each may answer 400 to a malformed one (not JSON, not an object, nested
 * too deeply) and 413 to one over the body limit even when it takes no
 * body; and every path with a parameter
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
      if (readsBody) responses['413'] ??= errorResponse(413)
    }
  }
  return paths
}
