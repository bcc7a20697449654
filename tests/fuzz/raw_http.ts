import http from 'node:http'
import { fileURLToPath } from 'node:url'
import app from '@adonisjs/core/services/app'
import env from '#start/env'
import { specProblems } from '#tests/helpers/openapi'

/*
 * A raw HTTP client for the fuzz suite. The api client (superagent) and
 * fetch both normalize what they send (`..` segments, broken percent
 * escapes, non-object JSON), so hostile requests go out through node:http
 * byte for byte, and their answers are checked here with the same document
 * check the api client's teardown hook uses (tests/helpers/openapi.ts).
 */

/** One request as the fuzzer sends it: the path is sent exactly as given. */
export interface RawRequest {
  method: string
  path: string
  headers?: Record<string, string>
  body?: string | Buffer
  /**
   * Send only `bytes` of the body and never finish it: the answer that comes
   * within `waitMs` (a server refusing early), else null after closing the
   * connection (a client that gave up).
   */
  partial?: { bytes: number; waitMs: number; closedBy?: string }
}

/** What came back. */
export interface RawResponse {
  status: number
  headers: http.IncomingHttpHeaders
  text: string
  json: unknown
}

/** How many requests and socket events the suite sent (printed at the end of the run). */
export const counters = { http: 0, socketEvents: 0, handshakes: 0 }

/** Sends a request; resolves with the answer, or null when a partial request got none. */
export function send(request: RawRequest): Promise<RawResponse | null> {
  counters.http++
  return new Promise((resolve, reject) => {
    const body = request.body === undefined ? undefined : Buffer.from(request.body)
    const headers: Record<string, string> = { ...request.headers }
    if (body && !Object.keys(headers).some((name) => name.toLowerCase() === 'content-length')) {
      headers['content-length'] = String(body.length)
    }
    const outgoing = http.request(
      {
        host: env.get('HOST'),
        port: env.get('PORT'),
        method: request.method,
        path: request.path,
        headers,
        agent: false,
      },
      (incoming) => {
        const type = String(incoming.headers['content-type'] ?? '')
        if (type.includes('text/event-stream')) {
          incoming.destroy()
          return resolve({
            status: incoming.statusCode!,
            headers: incoming.headers,
            text: '',
            json: undefined,
          })
        }
        const chunks: Buffer[] = []
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk))
        incoming.on('error', reject)
        incoming.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8')
          resolve({
            status: incoming.statusCode!,
            headers: incoming.headers,
            text,
            json: parse(type, text),
          })
        })
      }
    )
    outgoing.setTimeout(10_000, () => outgoing.destroy(new Error('no answer within 10 s')))
    if (request.partial && body) {
      const partial = request.partial
      outgoing.on('error', (error: NodeJS.ErrnoException) => {
        partial.closedBy ??= `the server (${error.code ?? error.message})`
        resolve(null)
      })
      outgoing.write(body.subarray(0, partial.bytes))
      setTimeout(() => {
        partial.closedBy ??= 'the client'
        outgoing.destroy()
        resolve(null)
      }, partial.waitMs)
      return
    }
    outgoing.on('error', reject)
    outgoing.end(body)
  })
}

function parse(type: string, text: string): unknown {
  if (!type.includes('json')) return undefined
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

const appRoot = fileURLToPath(app.appRoot).replace(/\/$/, '')

/**
 * Things a client must never see in an error: paths of this checkout, stack
 * frames, SQL and driver text, engine limits.
 */
const LEAKS: [RegExp, string][] = [
  [new RegExp(appRoot.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')), 'an absolute path'],
  [/node_modules/, 'a node_modules path'],
  [/\n\s+at .+:\d+:\d+/, 'a stack trace'],
  [/Maximum call stack|RangeError|TypeError|ReferenceError/, 'an engine error'],
  [
    /invalid input syntax|invalid byte sequence|out of range for type|violates .* constraint/i,
    'PostgreSQL text',
  ],
  [/\b(select|insert into|update|delete from)\b[^"]*\b(from|values|set|where)\b/i, 'SQL'],
]

/**
 * The properties every answer must have: not a 5xx; an error is JSON in the
 * documented shape `{ errors: [{ code: E_*, message, field? }] }` with no
 * internals in it; and status and body match /openapi.json.
 */
export function responseProblems(
  request: RawRequest & { operation?: string },
  response: RawResponse
): string[] {
  const problems: string[] = []
  const type = String(response.headers['content-type'] ?? '')
  if (response.status >= 500) problems.push(`answered ${response.status}`)
  if (response.status >= 400) {
    if (!type.includes('application/json')) {
      problems.push(
        `error ${response.status} is ${type || 'untyped'}, not JSON: ${response.text.slice(0, 120)}`
      )
    } else if (!isErrorShape(response.json)) {
      problems.push(
        `error ${response.status} not in the error shape: ${response.text.slice(0, 200)}`
      )
    }
    for (const [pattern, what] of LEAKS) {
      if (pattern.test(response.text)) {
        problems.push(`error ${response.status} leaks ${what}: ${response.text.slice(0, 200)}`)
      }
    }
  }
  // Checked against the operation the request was made for: a URL parser would
  // resolve the `..` and `%2e%2e` segments the fuzzer sends into other paths.
  const path = request.operation
    ? request.operation.replace(/\{\w+\}/g, 'p')
    : safeUrl(request.path.split('?')[0])
  problems.push(...specProblems(request.method, path, response.status, type, response.json))
  return problems
}

/** The path as the document check reads it (it parses a URL: a path it cannot parse is kept). */
function safeUrl(path: string) {
  try {
    new URL(path, 'http://local')
    return path
  } catch {
    return encodeURI(path)
  }
}

/** The documented error shape, checked strictly (the document check adds the schema). */
export function isErrorShape(body: unknown): boolean {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return false
  const errors = (body as { errors?: unknown }).errors
  if (!Array.isArray(errors) || errors.length === 0) return false
  return errors.every(
    (error) =>
      error &&
      typeof error === 'object' &&
      typeof error.code === 'string' &&
      /^E_[A-Z0-9_]+$/.test(error.code) &&
      typeof error.message === 'string' &&
      error.message.length > 0 &&
      (error.field === undefined || typeof error.field === 'string')
  )
}

/** A short, printable description of a request for failure reports. */
export function describe(request: RawRequest): string {
  const body =
    request.body === undefined
      ? ''
      : ` body=${JSON.stringify(String(request.body).slice(0, 160))}${String(request.body).length > 160 ? `… (${request.body.length} bytes)` : ''}`
  const headers = Object.entries(request.headers ?? {})
    .filter(([name]) => !['authorization', 'content-length'].includes(name))
    .map(([name, value]) => `${name}=${JSON.stringify(value.slice(0, 80))}`)
    .join(' ')
  return `${request.method} ${request.path.slice(0, 200)}${headers ? ` [${headers}]` : ''}${body}`
}
