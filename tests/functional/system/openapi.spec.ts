import { test } from '@japa/runner'
import router from '@adonisjs/core/services/router'
import { Validator } from '@seriousme/openapi-schema-validator'
import { openApiPath } from '#openapi/builder'
import { ambiguousOperations, specProblems } from '#tests/helpers/openapi'
import { createUserWithToken } from '#tests/helpers/users'
import { resetDatabase } from '#tests/helpers/database'
import {
  as,
  mediaScene,
  pngBytes,
  removeFixtureFiles,
} from '#tests/functional/media/media_fixtures'

test.group('GET /openapi.json', (group) => {
  group.each.setup(() => resetDatabase())
  test('is a valid OpenAPI 3.1 document', async ({ client, assert }) => {
    const response = await client.get('/openapi.json')
    response.assertStatus(200)
    assert.equal(response.body().openapi, '3.1.0')
    assert.match(response.body().info.version, /^\d+\.\d+\.\d+/)
    const result = await new Validator().validate(response.body())
    assert.deepEqual(result.errors ?? [], [])
    assert.isTrue(result.valid)
  })

  test('describes every route the server answers', async ({ client, assert }) => {
    const response = await client.get('/openapi.json')
    const { paths } = response.body()
    const missing: string[] = []
    const routes = Object.values(router.toJSON()).flat()
    assert.isAbove(routes.length, 50)
    for (const route of routes) {
      const path = openApiPath(route.pattern)
      for (const method of route.methods.filter((m) => m !== 'HEAD')) {
        if (!paths[path]?.[method.toLowerCase()]) missing.push(`${method} ${path}`)
      }
    }
    assert.deepEqual(missing, [])
  })

  test('no two paths match one URL: id parameters are UUIDs in routes and document', async ({
    client,
    assert,
  }) => {
    const response = await client.get('/openapi.json')
    assert.deepEqual(ambiguousOperations(response.body()), [])
    const { paths } = response.body()
    const undeclared: string[] = []
    for (const route of Object.values(router.toJSON()).flat()) {
      // A wildcard route has no per-segment matchers: the signed download route
      // checks its segments itself (404 for anything but UUIDs, download_paths.spec).
      if (route.pattern.endsWith('*')) continue
      const path = openApiPath(route.pattern)
      for (const method of route.methods.filter((m) => m !== 'HEAD')) {
        const params = paths[path]?.[method.toLowerCase()]?.parameters ?? []
        for (const param of params.filter((p: { in: string }) => p.in === 'path')) {
          const matcher = (route.matchers as Record<string, { match?: RegExp }>)[param.name]
          const routerUuid = Boolean(matcher?.match?.test('0b7c2f1e-3a4d-4e5f-8a9b-1c2d3e4f5a6b'))
          const routerLiteral = Boolean(matcher?.match?.test('username'))
          if ((param.schema.format === 'uuid') !== (routerUuid && !routerLiteral)) {
            undeclared.push(`${method} ${path} {${param.name}}`)
          }
        }
      }
    }
    assert.deepEqual(undeclared, [])
  })

  test('a path id that is not a UUID matches no route (404), a UUID does', async ({
    client,
    assert,
  }) => {
    const token = await createUserWithToken()
    for (const path of ['/users/public-key', '/users/username', '/chat/rooms/not-a-uuid']) {
      const response = await client.get(path).bearerToken(token.token)
      response.assertStatus(404)
      assert.equal(response.body().errors[0].message, 'Route not found', path)
    }
    const found = await client.get(`/users/${token.user.id}`).bearerToken(token.token)
    found.assertStatus(200)
  })

  test('documents no route that does not exist', async ({ client, assert }) => {
    const response = await client.get('/openapi.json')
    const { paths } = response.body()
    const routes = new Set(
      Object.values(router.toJSON())
        .flat()
        .flatMap((route) =>
          route.methods.map((m) => `${m.toLowerCase()} ${openApiPath(route.pattern)}`)
        )
    )
    const extra = Object.entries(paths as Record<string, object>).flatMap(([path, ops]) =>
      Object.keys(ops)
        .map((method) => `${method} ${path}`)
        .filter((key) => !routes.has(key))
    )
    assert.deepEqual(extra, [])
  })

  test('describes the signed media URLs Parley hands out, one segment per parameter', async ({
    client,
    assert,
  }) => {
    const { org, author, message } = await mediaScene()
    const uploaded = await as(client, author, org, 'post', `/media/upload/${message.id}`).file(
      'file',
      await pngBytes(),
      { filename: 'a.png' }
    )
    uploaded.assertStatus(201)
    const document = await client.get('/openapi.json')
    const { paths } = document.body()
    // OpenAPI path templating: a parameter is one segment, never a `/`.
    const templates = Object.keys(paths).map((path: string) => ({
      path,
      regex: new RegExp(`^${path.replace(/\{\w+\}/g, '[^/]+')}$`),
    }))
    for (const url of [uploaded.body().data.url, uploaded.body().data.thumbnailUrl]) {
      const { pathname, searchParams } = new URL(url, 'http://parley')
      const matches = templates.filter((template) => template.regex.test(pathname))
      assert.deepEqual(
        matches.map((match) => match.path),
        ['/media/files/{organizationId}/{roomId}/{file}'],
        pathname
      )
      const operation = paths[matches[0].path].get
      const declared = operation.parameters.map((p: { name: string; in: string }) => p.name)
      for (const name of searchParams.keys()) assert.include(declared, name, `query ${name}`)
    }
    await removeFixtureFiles()
  })

  test('the response checks catch an undocumented field and status', ({ assert }) => {
    const json = 'application/json; charset=utf-8'
    const me = { id: crypto.randomUUID(), username: 'ann', displayName: null, avatarUrl: null }
    const user = { ...me, lastSeenAt: null, isBot: false }
    assert.deepEqual(specProblems('GET', '/users/x', 200, json, { data: user }), [])
    assert.match(
      specProblems('GET', '/users/x', 200, json, { data: { ...user, secret: 1 } }).join(),
      /additional properties/
    )
    assert.match(specProblems('GET', '/users/x', 418, json, {}).join(), /418 is not documented/)
    assert.match(specProblems('GET', '/nowhere', 200, json, {}).join(), /not in \/openapi.json/)
  })

  test('documents the 413 of a JSON body over the body limit on every JSON operation', async ({
    client,
    assert,
  }) => {
    // The api client's teardown fails this request if 413 is not documented.
    const response = await client
      .post('/auth/login')
      .json({ email: 'ann@example.com', password: 'x'.repeat(300 * 1024) })
    response.assertStatus(413)
    response.assertBodyContains({ errors: [{ code: 'E_PAYLOAD_TOO_LARGE' }] })
    const document = await client.get('/openapi.json')
    const { paths } = document.body()
    const undocumented = Object.entries(paths as Record<string, Record<string, any>>).flatMap(
      ([path, operations]) =>
        Object.entries(operations)
          .filter(([, operation]) => operation.requestBody?.content?.['application/json'])
          .filter(([, operation]) => !operation.responses['413'])
          .map(([method]) => `${method} ${path}`)
    )
    assert.deepEqual(undocumented, [])
  })
})

test.group('GET /docs', () => {
  test('serves Swagger UI on /openapi.json from this server, with Authorize and try-it-out', async ({
    client,
    assert,
  }) => {
    const response = await client.get('/docs')
    response.assertStatus(200)
    assert.include(response.header('content-type'), 'text/html')
    const html = response.text()
    assert.notMatch(html, /https?:\/\//)
    const sources = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map(([, url]) => url)
    for (const url of sources.filter((u) => u.startsWith('/docs/assets/'))) {
      const asset = await client.get(url)
      asset.assertStatus(200)
      assert.notMatch(asset.header('content-type'), /html/, url)
    }
    const script = await client.get('/docs/assets/docs.js')
    assert.include(script.text(), "url: '/openapi.json'")
    assert.include(script.text(), 'validatorUrl: null')
    assert.include(script.text(), 'tryItOutEnabled: true')
    const bundle = await client.get('/docs/assets/swagger-ui-bundle.js')
    assert.include(bundle.text(), 'SwaggerUIBundle')
    const missing = await client.get('/docs/assets/package.json')
    missing.assertStatus(404)
    // Names of Object.prototype are unknown files too, not a 500.
    for (const name of ['__proto__', 'toString', 'constructor', 'hasOwnProperty']) {
      const inherited = await client.get(`/docs/assets/${name}`)
      inherited.assertStatus(404)
    }
  })

  test('renders the Socket.IO and SSE reference from /asyncapi.json, offline', async ({
    client,
    assert,
  }) => {
    const response = await client.get('/docs/realtime')
    response.assertStatus(200)
    const html = response.text()
    for (const name of ['send_message', 'new_message', 'sync', 'connect_error', 'user_typing']) {
      assert.include(html, `id="${name}"`)
    }
    assert.include(html, 'orgs/{organizationId}/rooms/{roomId}')
    assert.include(html, 'E_IDEMPOTENCY_CONFLICT')
    // Examples may mention URLs; nothing is loaded from anywhere.
    assert.notMatch(html, /<script|(?:src|href)="https?:/)
  })
})
