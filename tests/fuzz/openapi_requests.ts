import { randomBytes } from 'node:crypto'
import fc from 'fast-check'
import { TEST_PASSWORD } from '#tests/helpers/users'
import { hostileRawBody, hostileString, hostileValue } from './hostile_values.js'
import { multipart, tinyPng, uploadBody, type UploadBody } from './multipart.js'
import type { RawRequest } from './raw_http.js'
import { ROLES, type Role, type Scene } from './fuzz_scene.js'

/*
 * Turns /openapi.json into request generators: for each operation, every
 * path parameter, query parameter, documented header and body field gets
 * valid values (the scene's real ids, samples of the schema) and hostile
 * ones, so that each run reaches past validation as often as it hits it.
 */

type Json = Record<string, any>

/** One operation of the document. */
export interface Operation {
  method: string
  path: string
  spec: Json
}

/** Every operation of the document, in document order. */
export function operationsOf(document: Json): Operation[] {
  return Object.entries(document.paths as Record<string, Json>).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => ['get', 'post', 'put', 'patch', 'delete'].includes(method))
      .map(([method, spec]) => ({ method: method.toUpperCase(), path, spec }))
  )
}

/** What one fuzzed request is made of, before the caller's token is known. */
export interface Draft {
  role: Role
  auth: string | null
  segments: string[]
  query: string[]
  orgHeader: string | null
  body?: {
    type: string
    body: string | Buffer
    contentLength?: string
    sendOnly?: number
    answerEarly?: boolean
  }
}

/**
 * Node's HTTP parser answers request heads over 16 KB with its own bodiless
 * 431 before Parley sees them, so an encoded segment or query value stops at
 * 2,000 characters (cut before a partial escape), a query
 * string at 4,000 and a header value at 2,000.
 */
const MAX_ENCODED = 2000

/** Where a hostile header value must stay: HTTP allows no control characters in headers. */
const headerSafe = (value: string) =>
  [...value.slice(0, MAX_ENCODED)]
    .map((char) => (/^[\x20-\x7e]$/.test(char) ? char : encodeURIComponent(char.toWellFormed())))
    .join('')
    .slice(0, MAX_ENCODED)

/** A path segment: percent-encoded, lone surrogates as the raw (invalid) UTF-8 bytes they would be. */
function encodeSegment(value: string) {
  const encoded = value.isWellFormed()
    ? encodeURIComponent(value)
    : `${encodeURIComponent(value.toWellFormed())}%ED%A0%80`
  return encoded.length <= MAX_ENCODED
    ? encoded
    : encoded.slice(0, MAX_ENCODED).replace(/%[0-9A-F]?$/, '')
}

const RAW_SEGMENTS = ['%ff', '%', '%zz', '..', '.', '%2e%2e', '%00', '%ED%A0%80', 'a%2Fb', '%C0%AF']

function segmentArb(name: string, scene: Scene): fc.Arbitrary<string> {
  const known = scene.ids[name] ?? Object.values(scene.ids).flat()
  const options: fc.WeightedArbitrary<string>[] = [
    { arbitrary: fc.uuid().map(String), weight: 1 },
    // An empty segment is another route (`/rooms/` is not `/rooms/{roomId}`).
    { arbitrary: hostileString.filter((value) => value !== '').map(encodeSegment), weight: 4 },
    { arbitrary: fc.constantFrom(...RAW_SEGMENTS), weight: 2 },
  ]
  if (known.length) options.push({ arbitrary: fc.constantFrom(...known), weight: 6 })
  if (name === 'path') {
    const signed = scene.ids.path[0]
    options.push({
      arbitrary: fc.constantFrom(
        '../../.env',
        '..%2f..%2f.env',
        '%2e%2e/%2e%2e/.env',
        signed.replace(/signature=[^&]+/, 'signature=x'),
        signed.split('?')[0],
        `${signed}&expires=99999999999999999999`
      ),
      weight: 4,
    })
  }
  return fc.oneof(...options)
}

/** `name=value` pairs for one query parameter holding any value (arrays repeat, objects nest). */
function queryPairs(name: string, value: unknown): string[] {
  const enc = (text: string) => encodeSegment(text)
  if (value === undefined) return []
  if (value === null) return [enc(name)]
  if (Array.isArray(value))
    return value.slice(0, 50).flatMap((item) => queryPairs(`${name}[]`, item))
  if (typeof value === 'object') {
    return Object.entries(value)
      .slice(0, 20)
      .flatMap(([key, item]) => queryPairs(`${name}[${key}]`, item))
  }
  return [`${enc(name)}=${enc(String(value))}`]
}

function queryArb(spec: Json, scene: Scene): fc.Arbitrary<string[]> {
  const params = ((spec.parameters ?? []) as Json[]).filter((param) => param.in === 'query')
  const perParam = params.map((param) =>
    fc
      .oneof(
        { arbitrary: fc.constant(undefined), weight: 3 },
        { arbitrary: fc.constant(sample(param.schema, param.name, scene)), weight: 2 },
        { arbitrary: hostileValue, weight: 4 }
      )
      .map((value) => queryPairs(param.name, value))
  )
  const junk = fc.oneof(
    { arbitrary: fc.constant<string[]>([]), weight: 4 },
    {
      arbitrary: fc
        .tuple(hostileString, hostileValue)
        .map(([key, value]) => queryPairs(key, value)),
      weight: 1,
    },
    {
      arbitrary: fc.constantFrom(['%'], ['a=%ff'], ['a[b][c][d][e][f]=1'], ['__proto__[x]=1']),
      weight: 1,
    }
  )
  return fc.tuple(fc.tuple(...perParam), junk).map(([pairs, extra]) => {
    const kept: string[] = []
    let length = 0
    for (const pair of [...pairs.flat(), ...extra]) {
      length += pair.length + 1
      if (length > 2 * MAX_ENCODED) break
      kept.push(pair)
    }
    return kept
  })
}

/** A valid value for a schema (the scene's ids for id fields), so that other fields get past validation. */
export function sample(
  schema: Json | undefined,
  name: string,
  scene: Scene,
  components: Json = {}
): unknown {
  if (!schema) return 'fuzz'
  if (schema.$ref) return sample(components[schema.$ref.split('/').pop()], name, scene, components)
  if (schema.anyOf)
    return sample(
      schema.anyOf.find((s: Json) => s.type !== 'null'),
      name,
      scene,
      components
    )
  if (schema.enum) return schema.enum[0]
  switch (schema.type) {
    case 'integer':
    case 'number':
      return Math.max(schema.minimum ?? 1, 1)
    case 'boolean':
      return false
    case 'array':
      return Array.from({ length: Math.max(schema.minItems ?? 1, 1) }, () =>
        sample(schema.items, name, scene, components)
      )
    case 'object':
      return Object.fromEntries(
        Object.entries((schema.properties ?? {}) as Record<string, Json>).map(([key, property]) => [
          key,
          sample(property, key, scene, components),
        ])
      )
    default:
      return sampleString(schema, name, scene)
  }
}

function sampleString(schema: Json, name: string, scene: Scene): string {
  const suffix = randomBytes(4).toString('hex')
  if (schema.format === 'uuid' || /Ids?$/.test(name) || name === 'mentions') {
    const ids: Record<string, string> = {
      roomId: scene.sharedRoomId,
      replyToId: scene.ownerMessageIds[0],
      clientMessageId: crypto.randomUUID(),
    }
    return ids[name] ?? scene.bystander.user.id
  }
  if (schema.format === 'email' || name === 'email') return `fuzz-${suffix}@example.com`
  if (name === 'password') return TEST_PASSWORD
  if (name === 'username') return `fuzz_${suffix}`
  if (name === 'slug') return `fuzz-${suffix}`
  const text = `fuzz ${name}`.padEnd(schema.minLength ?? 0, 'x')
  return schema.maxLength ? text.slice(0, schema.maxLength) : text
}

function jsonBodyArb(schema: Json, scene: Scene, components: Json) {
  const variants: Json[] = schema.anyOf ?? [schema]
  const base = fc.constantFrom(...variants).map((variant) => ({
    variant,
    value: sample(variant, '', scene, components) as Json,
  }))
  const text = (value: unknown) => ({ type: 'application/json', body: JSON.stringify(value) ?? '' })
  return fc.oneof(
    { arbitrary: base.map(({ value }) => text(value)), weight: 2 },
    {
      arbitrary: fc.tuple(base, fc.nat(), hostileValue).map(([{ value }, pick, hostile]) => {
        const keys = [...Object.keys(value), 'extra', '__proto__']
        return text({ ...value, [keys[pick % keys.length]]: hostile })
      }),
      weight: 6,
    },
    {
      arbitrary: fc.tuple(base, fc.nat()).map(([{ value }, pick]) => {
        const keys = Object.keys(value)
        const rest = { ...value }
        delete rest[keys[pick % Math.max(keys.length, 1)]]
        return text(rest)
      }),
      weight: 1,
    },
    { arbitrary: hostileValue.map(text), weight: 2 },
    { arbitrary: hostileRawBody, weight: 2 }
  )
}

const uploadDraft = uploadBody.map((upload: UploadBody) => ({
  type: upload.type,
  body: upload.body,
  contentLength: upload.contentLength,
  sendOnly: upload.sendOnly,
  answerEarly: upload.answerEarly,
}))

const authArb = (role: Role) =>
  role === 'anonymous'
    ? fc.oneof(
        { arbitrary: fc.constant(null), weight: 3 },
        {
          arbitrary: fc.oneof(
            hostileString.map((value) => `Bearer ${headerSafe(value)}`),
            fc.constantFrom(
              'Bearer',
              'Bearer ',
              'Basic Zm9vOmJhcg==',
              'bearer oat_x',
              'Bearer oat_%ff.%ff'
            )
          ),
          weight: 2,
        }
      )
    : fc.constant('token')

/** The generator of drafts for one operation. */
export function draftArb(op: Operation, scene: Scene, components: Json): fc.Arbitrary<Draft> {
  const names = [...op.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => name)
  const hasOrgHeader = ((op.spec.parameters ?? []) as Json[]).some(
    (p) => p.name === 'x-organization-id'
  )
  const content = op.spec.requestBody?.content ?? {}
  const body = content['application/json']
    ? jsonBodyArb(content['application/json'].schema, scene, components)
    : content['multipart/form-data']
      ? uploadDraft
      : fc.constant(undefined)
  const orgHeader = hasOrgHeader
    ? fc.oneof(
        { arbitrary: fc.constant(scene.orgA.id), weight: 6 },
        { arbitrary: fc.constantFrom(null, scene.orgB.id, crypto.randomUUID()), weight: 2 },
        { arbitrary: hostileString.map(headerSafe), weight: 2 }
      )
    : fc.constant(null)
  return fc.constantFrom(...ROLES).chain((role) =>
    fc.record({
      role: fc.constant(role),
      auth: authArb(role),
      segments: fc.tuple(...names.map((name) => segmentArb(name, scene))),
      query: queryArb(op.spec, scene),
      orgHeader,
      body,
    })
  )
}

/** A request with the document path of the operation it was made for. */
export type FuzzRequest = RawRequest & { operation: string }

/** The request a draft stands for, with the caller's token. */
export function toRequest(op: Operation, draft: Draft, token: string | undefined): FuzzRequest {
  let index = 0
  const path = op.path.replace(/\{\w+\}/g, () => draft.segments[index++])
  const headers: Record<string, string> = {}
  if (draft.auth === 'token' && token) headers.authorization = `Bearer ${token}`
  else if (draft.auth && draft.auth !== 'token') headers.authorization = draft.auth
  if (draft.orgHeader !== null) headers['x-organization-id'] = draft.orgHeader
  if (draft.body) headers['content-type'] = draft.body.type
  if (draft.body?.contentLength) headers['content-length'] = draft.body.contentLength
  return {
    operation: op.path,
    method: op.method,
    path: draft.query.length ? `${path}?${draft.query.join('&')}` : path,
    headers,
    body: draft.body?.body,
    partial:
      draft.body?.sendOnly === undefined
        ? undefined
        : { bytes: draft.body.sendOnly, waitMs: draft.body.answerEarly ? 5000 : 50 },
  }
}

/**
 * Requests that run before the random ones: every known id in every path
 * parameter (the others valid), with a valid body, as the member and as the
 * outsider, so that each operation is tried on every resource of the scene
 * (the other organization's, the private room's) whatever the seed draws.
 */
export function idSweep(op: Operation, scene: Scene, components: Json): Draft[] {
  const names = [...op.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => name)
  const known = (name: string) => scene.ids[name] ?? []
  const hasOrgHeader = ((op.spec.parameters ?? []) as Json[]).some(
    (p) => p.name === 'x-organization-id'
  )
  const content = op.spec.requestBody?.content ?? {}
  const json = content['application/json']?.schema
  const body = json
    ? { type: 'application/json', body: JSON.stringify(sample(json, '', scene, components)) }
    : content['multipart/form-data']
      ? (() => {
          const form = multipart([{ name: 'file', filename: 'a.png', bytes: tinyPng() }])
          return { type: form.type, body: form.body }
        })()
      : undefined
  const combos = names.length
    ? names.flatMap((name, index) =>
        known(name).map((id) =>
          names.map((other, j) => (j === index ? id : (known(other)[0] ?? id)))
        )
      )
    : [[]]
  return (['member', 'outsider'] as const).flatMap((role) =>
    combos.map((segments) => ({
      role,
      auth: 'token',
      segments,
      query: [],
      orgHeader: hasOrgHeader ? (role === 'member' ? scene.orgA.id : scene.orgB.id) : null,
      body,
    }))
  )
}
