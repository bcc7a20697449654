import { test } from '@japa/runner'
import { bootPluginApp, mainApp, terminatePluginApp } from '#tests/helpers/plugin_app'
import { generateKeyPairSync } from 'node:crypto'
import { io as ioClient, type Socket } from 'socket.io-client'
import db from '@adonisjs/lucid/services/db'
import type { Organization } from '#extensions/types'
import { resetDatabase } from '#tests/helpers/database'
import type { UserWithToken } from '#tests/helpers/users'
import { chatOrg, groupRoom } from '#tests/functional/chat/chat_fixtures'
import { eventually } from '#tests/functional/notifications/notification_fixtures'
import pushFcm from '../plugin.js'
import { localCa, startFakeFcm } from './fake_fcm.js'
import { startServer, type ServerProcess } from '#tests/helpers/server_process'

const PROJECT_ID = 'parley-test'
/** A service account with a real RSA key: the SDK signs its OAuth assertion with it. */
function serviceAccount() {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
  const json = JSON.stringify({
    type: 'service_account',
    project_id: PROJECT_ID,
    private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }),
    client_email: `parley@${PROJECT_ID}.iam.gserviceaccount.com`,
  })
  return { json, publicKey }
}

/** Calls the child server as `who` in `org`. */
async function call(
  server: ServerProcess,
  who: UserWithToken,
  org: Organization | null,
  method: string,
  path: string,
  body?: object
) {
  const headers: Record<string, string> = {
    'authorization': `Bearer ${who.token}`,
    'content-type': 'application/json',
    'accept': 'application/json',
  }
  if (org) headers['x-organization-id'] = org.id
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers,
    body: body ? JSON.stringify(body) : undefined,
  })
  const text = await response.text()
  return { status: response.status, body: text ? JSON.parse(text) : null }
}

/** Opens a socket to the child server: the user is then online in `org`. */
async function goOnline(server: ServerProcess, who: UserWithToken, org: Organization) {
  const socket: Socket = ioClient(server.url, {
    auth: { token: who.token, organizationId: org.id },
    transports: ['websocket'],
    reconnection: false,
  })
  await new Promise<void>((resolve, reject) => {
    socket.once('connected', () => resolve())
    socket.once('connect_error', reject)
  })
  return () => {
    socket.disconnect()
  }
}

test.group('push-fcm enabled (server process, fake FCM over verified TLS)', (group) => {
  let fcm: Awaited<ReturnType<typeof startFakeFcm>>
  let server: ServerProcess

  group.setup(async () => {
    const ca = localCa()
    const account = serviceAccount()
    fcm = await startFakeFcm(ca, PROJECT_ID, account.publicKey)
    server = await startServer({
      PARLEY_PLUGINS: 'push-fcm',
      FCM_PROJECT_ID: PROJECT_ID,
      FCM_SERVICE_ACCOUNT_JSON: account.json,
      FCM_CONNECT_TO: `127.0.0.1:${fcm.port}`,
      FCM_CA_FILE: ca.caFile,
      FCM_RETRY_LIMIT: '3',
      FCM_RETRY_DELAY_SECONDS: '1',
    })
    return async () => {
      await server.stop()
      await fcm.close()
      ca.remove()
    }
  })
  group.each.setup(() => resetDatabase())

  async function setup() {
    const { org, owner, alice, bob } = await chatOrg()
    const room = await groupRoom(org, owner, [alice, bob])
    return { org, owner, alice, bob, room }
  }

  async function device(who: UserWithToken, token: string) {
    const response = await call(server, who, null, 'POST', '/devices', {
      token,
      platform: 'android',
    })
    if (response.status !== 201) throw new Error(`device: ${JSON.stringify(response.body)}`)
    return response.body.data.id as string
  }

  async function sendMessage(
    sender: UserWithToken,
    org: Organization,
    roomId: string,
    text: string
  ) {
    const response = await call(server, sender, org, 'POST', '/chat/messages', {
      roomId,
      content: text,
    })
    if (response.status !== 201) throw new Error(`send: ${JSON.stringify(response.body)}`)
    return response.body.data.id as string
  }

  test('an offline member gets one push per message, with ids and no text', async ({ assert }) => {
    const { org, owner, alice, room } = await setup()
    await device(alice, 'tok-alice')
    const first = await sendMessage(owner, org, room.id, 'secret words')
    const second = await sendMessage(owner, org, room.id, 'more secrets')
    await eventually(async () => fcm.sentTo('tok-alice').length >= 2)
    const pushes = fcm.sentTo('tok-alice')
    assert.lengthOf(pushes, 2)
    assert.sameMembers(
      pushes.map((push) => push.message.data.messageId),
      [first, second]
    )
    assert.deepInclude(pushes[0].message.notification, { title: 'New message' })
    assert.include(pushes[0].message.data, {
      organizationId: org.id,
      roomId: room.id,
      type: 'message',
    })
    for (const push of pushes) assert.notMatch(push.raw, /secret/)
    assert.isAtLeast(fcm.tokenRequests(), 1)
  })

  test('a mentioned online member gets the mention alert, and nothing else while online', async ({
    assert,
    cleanup,
  }) => {
    const { org, owner, alice, bob, room } = await setup()
    await device(alice, 'tok-alice-2')
    await device(bob, 'tok-bob')
    cleanup(await goOnline(server, bob, org))
    const plain = await sendMessage(owner, org, room.id, 'hello all')
    await eventually(async () => fcm.sentTo('tok-alice-2').length >= 1)
    const mention = await sendMessage(owner, org, room.id, `@${bob.user.username} ping`)
    const push = await eventually(async () => fcm.sentTo('tok-bob')[0])
    await eventually(async () => fcm.sentTo('tok-alice-2').length >= 2)
    assert.lengthOf(fcm.sentTo('tok-bob'), 1)
    assert.equal(push.message.data.messageId, mention)
    assert.equal(push.message.data.type, 'mention')
    assert.equal(push.message.notification.title, 'You were mentioned')
    assert.notEqual(push.message.data.messageId, plain)
  })

  test('an UNREGISTERED token is deleted', async ({ assert }) => {
    const { org, owner, alice, room } = await setup()
    fcm.script.set('tok-gone', ['UNREGISTERED'])
    const id = await device(alice, 'tok-gone')
    await sendMessage(owner, org, room.id, 'hello')
    await eventually(async () => !(await db.from('devices').where('id', id).first()), 15_000)
    assert.lengthOf(fcm.sentTo('tok-gone'), 1)
  })

  test('a 503 outlasting the SDK’s own retries is retried by the queue, then succeeds', async ({
    assert,
  }) => {
    const { org, owner, alice, room } = await setup()
    fcm.script.set('tok-flaky', [503, 503, 503, 503, 503])
    await device(alice, 'tok-flaky')
    const messageId = await sendMessage(owner, org, room.id, 'hello')
    await eventually(
      async () => fcm.sentTo('tok-flaky').some((push) => push.status === 200),
      40_000
    )
    const attempts = fcm.sentTo('tok-flaky')
    assert.deepEqual(
      attempts.map((push) => push.status),
      [503, 503, 503, 503, 503, 200]
    )
    assert.equal(attempts[5].message.data.messageId, messageId)
  }).timeout(60_000)

  test('nothing is sent for a muted room', async ({ assert }) => {
    const { org, owner, alice, bob, room } = await setup()
    await device(alice, 'tok-muted')
    await device(bob, 'tok-sentinel')
    const muted = await call(server, alice, org, 'PUT', `/chat/rooms/${room.id}/mute`, {
      muted: true,
    })
    assert.equal(muted.status, 200)
    await sendMessage(owner, org, room.id, 'quiet')
    await eventually(async () => fcm.sentTo('tok-sentinel').length >= 1)
    assert.lengthOf(fcm.sentTo('tok-muted'), 0)
  })

  test('the enabled server describes /devices in its /openapi.json', async ({ assert }) => {
    const response = await fetch(`${server.url}/openapi.json`)
    const document = (await response.json()) as any
    assert.properties(document.paths['/devices'], ['post'])
    assert.properties(document.paths['/devices/{id}'], ['delete'])
  })

  test('POST /devices requires a token and a valid body', async ({ assert }) => {
    const { alice } = await setup()
    const anonymous = await fetch(`${server.url}/devices`, { method: 'POST' })
    assert.equal(anonymous.status, 401)
    for (const body of [
      { token: 'x' },
      { token: ['x'], platform: 'ios' },
      { token: 'a b', platform: 'ios' },
      { token: 'x', platform: 'symbian' },
    ]) {
      const response = await call(server, alice, null, 'POST', '/devices', body)
      assert.equal(response.status, 422)
      assert.equal(response.body.errors[0].code, 'E_VALIDATION_ERROR')
    }
  })

  test('a token belongs to one user: registering it again moves it', async ({ assert }) => {
    const { alice, bob } = await setup()
    const first = await call(server, alice, null, 'POST', '/devices', {
      token: 'tok-shared',
      platform: 'ios',
    })
    assert.equal(first.status, 201)
    assert.notProperty(first.body.data, 'token')
    const again = await call(server, alice, null, 'POST', '/devices', {
      token: 'tok-shared',
      platform: 'ios',
    })
    assert.equal(again.status, 200)
    assert.equal(again.body.data.id, first.body.data.id)
    const moved = await call(server, bob, null, 'POST', '/devices', {
      token: 'tok-shared',
      platform: 'web',
    })
    assert.equal(moved.status, 200)
    const rows = await db.from('devices').where('token', 'tok-shared')
    assert.lengthOf(rows, 1)
    assert.equal(rows[0].user_id, bob.user.id)
    assert.equal(rows[0].platform, 'web')
  })

  test('DELETE /devices/:id removes one’s own device; anyone else’s is 404', async ({ assert }) => {
    const { alice, bob } = await setup()
    const id = await device(alice, 'tok-delete')
    const anonymous = await fetch(`${server.url}/devices/${id}`, { method: 'DELETE' })
    assert.equal(anonymous.status, 401)
    for (const target of [id, crypto.randomUUID(), 'not-a-uuid']) {
      const response = await call(server, bob, null, 'DELETE', `/devices/${target}`)
      assert.equal(response.status, 404)
      assert.equal(response.body.errors[0].code, 'E_NOT_FOUND')
    }
    const own = await call(server, alice, null, 'DELETE', `/devices/${id}`)
    assert.equal(own.status, 204)
    assert.notExists(await db.from('devices').where('id', id).first())
  })
})

const bootMiniApp = (enabled: string) => bootPluginApp({ known: [pushFcm], enabled, start: false })

test.group('push-fcm disabled or misconfigured', () => {
  test('disabled (the test app): /devices is 404 and no FCM setting is needed', async ({
    client,
    assert,
  }) => {
    assert.isUndefined(process.env.FCM_PROJECT_ID)
    const registry = await mainApp.container.make('plugins.registry')
    assert.notInclude(
      registry.list().map((plugin) => plugin.id),
      'push-fcm'
    )
    const response = await client.post('/devices').json({ token: 'x', platform: 'ios' })
    response.assertStatus(404)
    const remove = await client.delete(`/devices/${crypto.randomUUID()}`)
    remove.assertStatus(404)
  })

  test('a disabled plugin boots without FCM settings', async () => {
    const app = await bootMiniApp('')
    await terminatePluginApp(app)
  })

  test('enabled without a project id, the boot stops naming FCM_PROJECT_ID', async ({ assert }) => {
    await assert.rejects(() => bootMiniApp('push-fcm'), /push-fcm.*FCM_PROJECT_ID is not set/)
  })

  test('enabled with a broken service account, the boot stops naming the variable', async ({
    assert,
    cleanup,
  }) => {
    process.env.FCM_PROJECT_ID = PROJECT_ID
    process.env.FCM_SERVICE_ACCOUNT_JSON = '{"not": "a key"}'
    cleanup(() => {
      delete process.env.FCM_PROJECT_ID
      delete process.env.FCM_SERVICE_ACCOUNT_JSON
    })
    await assert.rejects(
      () => bootMiniApp('push-fcm'),
      /FCM_SERVICE_ACCOUNT_JSON is not a service account key/
    )
  })
})
