import { test } from '@japa/runner'
import { randomUUID } from 'node:crypto'
import limiter from '@adonisjs/limiter/services/main'
import db from '@adonisjs/lucid/services/db'
import type { ApiResponse } from '@japa/api-client'
import { openApiDocument } from '#openapi/document'
import { MAX_JSON_DEPTH } from '#middleware/json_body_middleware'
import { resetDatabase } from '#tests/helpers/database'
import { as, chatOrg, groupRoom, send } from '#tests/functional/chat/chat_fixtures'

/*
 * Bad input on the REST door is a 400 or 422 in the DESIGN.md error shape,
 * naming the field where there is one, never a 500: characters PostgreSQL
 * cannot store, numbers beyond a column's range, strings and booleans where
 * numbers belong, JSON bodies that are not objects or nest too deeply, and
 * URLs whose percent-encoding does not decode. (On main each of these was a
 * 500, a coerced value, or a plain-text 400.)
 */

const NUL = 'a\u0000b'
const LONE_SURROGATE = 'a\uD800b'

/** Asserts a 422 E_VALIDATION_ERROR naming `field`. */
function assertInvalid(response: ApiResponse, field: string, assert: any) {
  response.assertStatus(422)
  const entry = response.body().errors.find((e: { field?: string }) => e.field === field)
  assert.exists(entry, `no error on ${field}: ${JSON.stringify(response.body())}`)
  assert.equal(entry.code, 'E_VALIDATION_ERROR')
}

test.group('Bad input: characters PostgreSQL cannot store', (group) => {
  group.each.setup(async () => {
    await resetDatabase()
    await limiter.clear()
  })

  test('login and register refuse NUL and unpaired surrogates in every string (422)', async ({
    client,
    assert,
  }) => {
    for (const bad of [NUL, LONE_SURROGATE]) {
      const byEmail = await client.post('/auth/login').json({ email: bad, password: 'whatever1' })
      assertInvalid(byEmail, 'email', assert)
      const byName = await client.post('/auth/login').json({ username: bad, password: 'whatever1' })
      assertInvalid(byName, 'username', assert)
      const password = await client
        .post('/auth/login')
        .json({ email: 'a@example.com', password: `pass${bad}word` })
      assertInvalid(password, 'password', assert)
      const register = await client.post('/auth/register').json({
        email: 'new@example.com',
        username: 'newcomer',
        password: 'long enough',
        displayName: bad,
      })
      assertInvalid(register, 'displayName', assert)
    }
    const users = await db.from('users').count('* as n')
    assert.equal(Number(users[0].n), 0)
  })

  test('profile, organization, room, search and message fields refuse NUL (422)', async ({
    client,
    assert,
  }) => {
    const { org, owner } = await chatOrg()
    const room = await groupRoom(org, owner, [])
    const message = await send(org, owner, room.id, 'first')
    const cases: [string, string, object, string][] = [
      ['put', '/users/me', { displayName: NUL }, 'displayName'],
      ['post', '/organizations', { name: NUL }, 'name'],
      [
        'put',
        `/organizations/${org.id}`,
        { settings: { description: NUL } },
        'settings.description',
      ],
      ['post', '/chat/rooms/group', { name: NUL, memberIds: [] }, 'name'],
      ['post', '/chat/rooms/group', { name: 'ok', description: NUL, memberIds: [] }, 'description'],
      ['patch', `/chat/rooms/${room.id}`, { name: NUL }, 'name'],
      ['patch', `/chat/rooms/${room.id}`, { description: NUL }, 'description'],
      ['post', '/chat/messages', { roomId: room.id, content: NUL }, 'content'],
      ['put', `/chat/messages/${message.id}`, { content: LONE_SURROGATE }, 'content'],
    ]
    for (const [method, url, body, field] of cases) {
      const response = await as(client, owner, org, method as any, url).json(body)
      assertInvalid(response, field, assert)
    }
    const search = await as(client, owner, org, 'get', '/users').qs({ search: NUL })
    assertInvalid(search, 'search', assert)
  })
})

test.group('Bad input: numbers', (group) => {
  group.each.setup(() => resetDatabase())

  test('cursors and limits beyond the column range are 422 naming the parameter', async ({
    client,
    assert,
  }) => {
    const { org, owner } = await chatOrg()
    const room = await groupRoom(org, owner, [])
    const huge = '99999999999999999999'
    const cases: [string, Record<string, string>, string][] = [
      [`/chat/rooms/${room.id}/messages`, { after: huge }, 'after'],
      [`/chat/rooms/${room.id}/messages`, { before: huge }, 'before'],
      [`/chat/rooms/${room.id}/messages`, { limit: huge }, 'limit'],
      [`/chat/rooms/${room.id}/messages`, { after: '9007199254740992' }, 'after'],
      [`/chat/rooms/${room.id}/messages`, { after: '1e3' }, 'after'],
      [`/chat/rooms/${room.id}/messages`, { after: '-1' }, 'after'],
      [`/chat/rooms/${room.id}/messages`, { limit: 'true' }, 'limit'],
      ['/chat/rooms', { after: huge }, 'after'],
      ['/users', { page: huge }, 'page'],
      ['/notifications', { page: huge }, 'page'],
      [`/organizations/${org.id}/members`, { perPage: huge }, 'perPage'],
    ]
    for (const [url, qs, field] of cases) {
      const response = await as(client, owner, org, 'get', url).qs(qs)
      assertInvalid(response, field, assert)
    }
    const largest = await as(client, owner, org, 'get', `/chat/rooms/${room.id}/messages`).qs({
      after: String(Number.MAX_SAFE_INTEGER),
    })
    largest.assertStatus(200)
  })

  test('a read pointer must be a JSON integer in range: no coercion of strings or booleans', async ({
    client,
    assert,
  }) => {
    const { org, owner, alice } = await chatOrg()
    const room = await groupRoom(org, owner, [alice])
    await send(org, owner, room.id, 'one')
    for (const seq of [1e300, 2 ** 53, true, '1', -1, 1.5, null]) {
      const response = await as(client, alice, org, 'post', `/chat/rooms/${room.id}/read`).json({
        seq,
      })
      assertInvalid(response, 'seq', assert)
    }
    const pointer = await db
      .from('room_members')
      .where({ room_id: room.id, user_id: alice.user.id })
      .first()
    assert.equal(Number(pointer.last_read_seq), 0)
  })
})

test.group('Bad input: bodies and URLs', (group) => {
  group.each.setup(async () => {
    await resetDatabase()
    await limiter.clear()
  })

  test('every JSON route answers 400 to a body that is not an object', async ({
    client,
    assert,
  }) => {
    const { org, owner } = await chatOrg()
    const paths = openApiDocument().paths as Record<string, Record<string, unknown>>
    let routes = 0
    for (const [path, operations] of Object.entries(paths)) {
      const url = path.replace(/\{path\}/g, 'x/y').replace(/\{\w+\}/g, () => randomUUID())
      for (const method of Object.keys(operations)) {
        if (!['post', 'put', 'patch', 'delete'].includes(method)) continue
        routes++
        for (const body of ['"str"', '42', 'null', 'true', '[]', '[{"a":1}]']) {
          const response = await as(client, owner, org, method as any, url)
            .type('json')
            .unsafeJson(body)
          assert.equal(response.status(), 400, `${method} ${url} ${body}`)
          assert.deepEqual(response.body(), {
            errors: [{ code: 'E_BAD_REQUEST', message: 'The JSON body must be an object' }],
          })
        }
      }
    }
    assert.isAbove(routes, 30)
    const login = await client.post('/auth/login').type('json').unsafeJson('"str"')
    login.assertStatus(400)
  })

  test('deeply nested JSON is a 400 meant for clients, not a stack overflow', async ({
    client,
    assert,
  }) => {
    const overflowing = '['.repeat(100_000) + ']'.repeat(100_000)
    const deep = `{"email":${'['.repeat(MAX_JSON_DEPTH)}${']'.repeat(MAX_JSON_DEPTH)}}`
    const nestedObject = `{"a":${'{"a":'.repeat(MAX_JSON_DEPTH)}1${'}'.repeat(MAX_JSON_DEPTH)}}`
    for (const body of [overflowing, `{"a":${overflowing}}`, deep, nestedObject]) {
      const response = await client.post('/auth/login').type('json').unsafeJson(body)
      response.assertStatus(400)
      assert.deepEqual(response.body(), {
        errors: [{ code: 'E_BAD_REQUEST', message: 'The JSON body is nested too deeply' }],
      })
    }
    const shallow = `{"email":${'['.repeat(MAX_JSON_DEPTH - 1)}${']'.repeat(MAX_JSON_DEPTH - 1)}}`
    const accepted = await client.post('/auth/login').type('json').unsafeJson(shallow)
    assertInvalid(accepted, 'email', assert)
  })

  test('a URL with broken percent-encoding is a JSON 400', async ({ client, assert }) => {
    const { org, owner } = await chatOrg()
    for (const path of ['/chat/messages/%ff', '/chat/messages/%E0%A4%A', '/chat/rooms/%c0%80']) {
      const request = as(client, owner, org, path.startsWith('/chat/rooms') ? 'get' : 'put', path)
      const response = path.startsWith('/chat/rooms') ? await request : await request.json({})
      response.assertStatus(400)
      assert.include(String(response.header('content-type')), 'application/json')
      assert.deepEqual(response.body(), {
        errors: [{ code: 'E_BAD_REQUEST', message: 'The URL is not valid percent-encoded UTF-8' }],
      })
    }
  })
})
