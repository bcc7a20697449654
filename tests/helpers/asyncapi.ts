import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import { asyncApiDocument } from '#openapi/asyncapi'

/*
 * Keeps /asyncapi.json true, as tests/helpers/openapi.ts does for REST:
 * every Socket.IO event, ack and handshake refusal the test sockets receive
 * (tests/helpers/sockets.ts, raw_socket.ts) and every SSE message the test
 * SSE clients receive (tests/helpers/sse.ts) is checked against the
 * document. Problems are collected here and fail the test that was running
 * (a teardown hook installed by tests/bootstrap.ts), since events arrive
 * outside the test's own awaits.
 */

type Json = Record<string, any>

interface Compiled {
  document: Json
  ajv: Ajv2020
  validators: Map<string, ValidateFunction>
}

let compiled: Compiled | undefined
const problems: string[] = []

function compile(): Compiled {
  const document = asyncApiDocument() as unknown as Json
  const ajv = new Ajv2020({ strict: false, allErrors: true })
  addFormats.default(ajv)
  ajv.addSchema({ $id: 'parley-async', components: { schemas: document.components.schemas } })
  return { document, ajv, validators: new Map() }
}

function state() {
  compiled ??= compile()
  return compiled
}

function validate(key: string, schema: unknown, value: unknown): string[] {
  const { ajv, validators } = state()
  let check = validators.get(key)
  if (!check) {
    const text = JSON.stringify(schema).replaceAll('"#/components/', '"parley-async#/components/')
    check = ajv.compile(JSON.parse(text))
    validators.set(key, check)
  }
  if (check(value)) return []
  return (check.errors ?? []).map((e) => `${key}: ${e.instancePath || '/'} ${e.message}`)
}

/** The message component of a name, when the document has one. */
function message(name: string): Json | undefined {
  return state().document.components.messages[name]
}

/** What is wrong with a server→client Socket.IO event (its name and every argument). */
export function socketEventProblems(name: string, args: unknown[]): string[] {
  const spec = message(name)
  const operation = state().document.operations[name]
  if (!spec || operation?.action !== 'send') {
    return [`socket event "${name}" is not in /asyncapi.json`]
  }
  if (args.length !== 1) return [`socket event "${name}" carried ${args.length} arguments, not 1`]
  return validate(`socket ${name}`, spec.payload, args[0])
}

/** What is wrong with the ack of a client→server event. */
export function ackProblems(event: string, response: unknown): string[] {
  const spec = message(`${event}.ack`)
  if (!spec) return [`client event "${event}" has no ack in /asyncapi.json`]
  return validate(`ack ${event}`, spec.payload, response)
}

/** What is wrong with a refused handshake's `connect_error` (`{ message, data }`). */
export function connectErrorProblems(error: { message: string; data?: unknown }): string[] {
  // Transport failures (server gone) carry no data: only Parley's refusals are checked.
  if (error.data === undefined) return []
  const spec = message('connect_error')!
  return validate('connect_error', spec.payload, { message: error.message, data: error.data })
}

const CHANNEL_KINDS: [RegExp, string][] = [
  [/^users\/[^/]+$/, 'sseUser'],
  [/^orgs\/[^/]+$/, 'sseOrg'],
  [/^orgs\/[^/]+\/rooms\/[^/]+$/, 'sseRoom'],
]

/** What is wrong with one SSE message (`{ event, data }`) received on a channel. */
export function sseProblems(
  channel: string,
  payload: { event?: unknown; data?: unknown }
): string[] {
  const kind = CHANNEL_KINDS.find(([pattern]) => pattern.test(channel))?.[1]
  if (!kind) return [`SSE channel "${channel}" is not in /asyncapi.json`]
  const name = `sse.${String(payload?.event)}`
  const messages = state().document.channels[kind].messages as Json
  if (!messages[name]) {
    return [
      `SSE event "${String(payload?.event)}" on ${kind} (${channel}) is not in /asyncapi.json`,
    ]
  }
  return validate(`${kind} ${name}`, message(name)!.payload, { channel, payload })
}

/** Records problems found while a test runs; the test's teardown fails with them. */
export function reportEventProblems(found: string[]) {
  problems.push(...found)
}

/** A teardown hook: fails the test if any received event drifted from the document. */
export function assertEventsMatchAsyncApi() {
  if (!problems.length) return
  const found = problems.splice(0)
  throw new Error(`Events do not match /asyncapi.json:\n${found.join('\n')}`)
}
