import { randomUUID } from 'node:crypto'
import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { outbound } from '#domain/webhooks/outbound'
import { verifySignature } from '#services/webhook_signature'
import { actorFor } from '#services/org_context'
import UpdateMemberMute from '#actions/moderation/update_member_mute'
import UpdateRoom from '#actions/rooms/update_room'
import { resetDatabase } from '#tests/helpers/database'
import { assertNotFoundForForeignOrgs } from '#tests/helpers/tenancy'
import { expectStatus } from '#tests/helpers/requests'
import { startEndpoint, LOOPBACK_ONLY, type Answer } from '#tests/helpers/http_endpoint'
import { as, chatOrg, groupRoom, otherOrg } from '../chat/chat_fixtures.js'
import { botWithKey } from './integration_fixtures.js'
import type { ApiClient } from '@japa/api-client'
import type Organization from '#models/organization'
import type { UserWithToken } from '#tests/helpers/users'

/** Registers a command as `admin` through the API; answers its JSON (secret included). */
async function register(
  client: ApiClient,
  admin: UserWithToken,
  org: Organization,
  body: Record<string, unknown>
) {
  const response = await as(client, admin, org, 'post', `/organizations/${org.id}/commands`).json(
    body
  )
  response.assertStatus(201)
  return response.body().data
}

/** Runs `/command args` in a room over REST. */
function run(
  client: ApiClient,
  who: UserWithToken,
  org: Organization,
  roomId: string,
  body: Record<string, unknown>
) {
  return as(client, who, org, 'post', `/chat/rooms/${roomId}/commands`).json(body)
}

/** An org with a bot in a room with alice, a local endpoint answering as told, and `/deploy`. */
async function commandScene(client: ApiClient, answer: Answer, cleanup: (fn: () => any) => void) {
  const scene = await chatOrg()
  const bot = await botWithKey(scene.org, scene.owner, 'deploy-bot')
  const room = await groupRoom(scene.org, scene.owner, [scene.alice, scene.bob, bot], 'ops')
  const endpoint = await startEndpoint(answer)
  cleanup(() => endpoint.close())
  const command = await register(client, scene.owner, scene.org, {
    name: 'deploy',
    url: endpoint.url,
    botId: bot.user.id,
    description: 'Deploy a service',
    usageHint: '<service> <version>',
  })
  return { ...scene, bot, room, endpoint, command }
}

/** The error of a failed run: its status, code and message. */
async function failure(request: PromiseLike<any>, status: number, code: string) {
  const response = await request
  response.assertStatus(status)
  const [error] = response.body().errors
  if (error.code !== code) throw new Error(`expected ${code}, got ${error.code}`)
  return error.message as string
}

/*
 * Slash commands against real HTTP endpoints on 127.0.0.1 (reachable only
 * through the test-only allowance, set per test): registration by admins,
 * the signed call, in-channel and ephemeral answers, every way an endpoint
 * can fail, and isolation between organizations.
 */
test.group('Slash commands', (group) => {
  group.each.setup(() => resetDatabase())
  group.each.setup(() => {
    outbound.allowAddress = LOOPBACK_ONLY
    return () => {
      outbound.allowAddress = undefined
    }
  })

  test('registering needs a token, an admin, a bot of the organization and a valid body', async ({
    client,
    assert,
  }) => {
    const { org, owner, moderator, alice } = await chatOrg()
    const bot = await botWithKey(org, owner)
    const url = `/organizations/${org.id}/commands`
    const body = { name: 'deploy', url: 'https://ci.example.com/slash', botId: bot.user.id }
    await expectStatus(client.post(url).json(body), 401)
    await expectStatus(as(client, moderator, org, 'post', url).json(body), 403)
    await expectStatus(as(client, alice, org, 'get', url), 403)
    const person = await as(client, owner, org, 'post', url).json({ ...body, botId: alice.user.id })
    person.assertStatus(404)
    for (const [field, value] of [
      ['name', '/deploy'],
      ['name', 'has space'],
      ['name', 'x'.repeat(33)],
      ['name', ['deploy']],
      ['url', 'ftp://ci.example.com'],
      ['url', 42],
      ['botId', 'not-a-uuid'],
      ['description', 'x'.repeat(201)],
      ['usageHint', { a: 1 }],
      ['roomIds', []],
    ] as const) {
      const invalid = await as(client, owner, org, 'post', url).json({ ...body, [field]: value })
      invalid.assertStatus(422)
      assert.equal(invalid.body().errors[0].code, 'E_VALIDATION_ERROR')
      assert.equal(invalid.body().errors[0].field, field, `${field}: ${JSON.stringify(value)}`)
    }

    const created = await as(client, owner, org, 'post', url).json({ ...body, name: 'Deploy' })
    created.assertStatus(201)
    const command = created.body().data
    assert.equal(command.name, 'deploy')
    assert.match(command.secret, /^whsec_/)
    const stored = await db.from('slash_commands').where('id', command.id).firstOrFail()
    assert.notInclude(JSON.stringify(stored), command.secret)
    const again = await as(client, owner, org, 'post', url).json(body)
    again.assertStatus(409)
    assert.equal(again.body().errors[0].code, 'E_COMMAND_EXISTS')

    const listed = await as(client, owner, org, 'get', url)
    assert.deepEqual(
      listed.body().data.map((c: any) => [c.name, 'secret' in c]),
      [['deploy', false]]
    )
    const shown = await as(client, owner, org, 'get', `${url}/${command.id}`)
    assert.equal(shown.body().data.url, 'https://ci.example.com/slash')
  })

  test('registration and removal are audited, without the secret', async ({ client, assert }) => {
    const { org, owner } = await chatOrg()
    const bot = await botWithKey(org, owner)
    const command = await register(client, owner, org, {
      name: 'deploy',
      url: 'https://ci.example.com/slash',
      botId: bot.user.id,
    })
    await expectStatus(
      as(client, owner, org, 'delete', `/organizations/${org.id}/commands/${command.id}`),
      204
    )
    const entries = await db
      .from('audit_events')
      .where('target_id', command.id)
      .orderBy('id')
      .select('action', 'actor_user_id', 'organization_id', 'target_type', 'details', 'ip')
    assert.deepEqual(
      entries.map((e) => [e.action, e.actor_user_id, e.organization_id, e.target_type]),
      [
        ['command.created', owner.user.id, org.id, 'command'],
        ['command.deleted', owner.user.id, org.id, 'command'],
      ]
    )
    assert.isNotNull(entries[0].ip)
    assert.notInclude(JSON.stringify(entries), command.secret)
    const gone = await run(client, owner, org, randomUUID(), { command: 'deploy' })
    gone.assertStatus(404)
  })

  test('the endpoint gets a signed call; an in-channel answer is posted as the bot', async ({
    client,
    assert,
    cleanup,
  }) => {
    const scene = await commandScene(
      client,
      () => ({ status: 200, json: { text: 'Deploying api 1.4.2', responseType: 'in_channel' } }),
      cleanup
    )
    const { org, alice, bob, room, bot, endpoint, command } = scene
    const ran = await run(client, alice, org, room.id, { command: '/Deploy', args: 'api 1.4.2' })
    ran.assertStatus(200)
    const result = ran.body().data
    assert.equal(result.command, 'deploy')
    assert.equal(result.responseType, 'in_channel')
    assert.equal(result.message.senderId, bot.user.id)
    assert.equal(result.message.content, 'Deploying api 1.4.2')

    assert.lengthOf(endpoint.received, 1)
    const call = endpoint.received[0]
    assert.isTrue(
      verifySignature(command.secret, call.headers['x-parley-signature'] as string, call.body)
    )
    assert.isFalse(
      verifySignature('whsec_other', call.headers['x-parley-signature'] as string, call.body)
    )
    assert.equal(call.headers['x-parley-event'], 'command')
    assert.notProperty(call.headers, 'authorization')
    const body = JSON.parse(call.body)
    assert.equal(call.headers['x-parley-delivery'], body.id)
    assert.containsSubset(body, {
      command: 'deploy',
      args: 'api 1.4.2',
      organizationId: org.id,
      room: { id: room.id, name: 'ops' },
      user: { id: alice.user.id, username: alice.user.username },
    })

    const page = await as(client, bob, org, 'get', `/chat/rooms/${room.id}/messages`)
    assert.deepEqual(
      page.body().data.map((m: any) => [m.senderId, m.content]),
      [[bot.user.id, 'Deploying api 1.4.2']]
    )
  })

  test('an ephemeral answer is not stored or posted', async ({ client, assert, cleanup }) => {
    const { org, alice, room } = await commandScene(
      client,
      () => ({ status: 200, json: { text: 'Only you can see this' } }),
      cleanup
    )
    const ran = await run(client, alice, org, room.id, { command: 'deploy' })
    ran.assertStatus(200)
    assert.deepEqual(ran.body().data, {
      command: 'deploy',
      responseType: 'ephemeral',
      text: 'Only you can see this',
      message: null,
    })
    const page = await as(client, alice, org, 'get', `/chat/rooms/${room.id}/messages`)
    assert.lengthOf(page.body().data, 0)
  })

  test('a failing, slow or confused endpoint is a clear 502, never a 500', async ({
    client,
    assert,
    cleanup,
  }) => {
    const answers: ReturnType<Answer>[] = [
      { status: 500, json: { text: 'boom' } },
      { status: 302, json: {} },
      { status: 200, raw: 'not json' },
      { status: 200, json: { text: '' } },
      { status: 200, json: { text: 'x', responseType: 'broadcast' } },
      { status: 200, json: ['text'] },
      { status: 200, json: { text: 'a'.repeat(10_001) } },
      { status: 200, json: { text: 'nul\u0000byte' } },
      { status: 200, json: { text: 'late' }, delayMs: 1500 },
    ]
    const { org, alice, room } = await commandScene(client, (n) => answers[n], cleanup)
    const reasons: string[] = []
    const timeout = outbound.timeoutMs
    outbound.timeoutMs = 500
    cleanup(() => {
      outbound.timeoutMs = timeout
    })
    for (let n = 0; n < answers.length; n++) {
      reasons.push(
        await failure(
          run(client, alice, org, room.id, { command: 'deploy' }),
          502,
          'E_COMMAND_FAILED'
        )
      )
    }
    assert.deepEqual(reasons, [
      'The /deploy command failed: its endpoint answered 500',
      'The /deploy command failed: its endpoint answered 302',
      'The /deploy command failed: its endpoint did not answer JSON',
      ...Array(5).fill('The /deploy command failed: its endpoint answered an invalid response'),
      'The /deploy command failed: its endpoint did not answer in time',
    ])
    const page = await as(client, alice, org, 'get', `/chat/rooms/${room.id}/messages`)
    assert.lengthOf(page.body().data, 0)
  })

  test('an endpoint on a refused address is never called', async ({ client, assert, cleanup }) => {
    const { org, alice, room, endpoint } = await commandScene(
      client,
      () => ({ status: 200, json: { text: 'hi' } }),
      cleanup
    )
    outbound.allowAddress = undefined
    const message = await failure(
      run(client, alice, org, room.id, { command: 'deploy' }),
      502,
      'E_COMMAND_FAILED'
    )
    assert.equal(message, 'The /deploy command failed: its endpoint could not be reached')
    assert.lengthOf(endpoint.received, 0)
  })

  test('an unknown command, a room outside its restriction and a bot not in the room', async ({
    client,
    assert,
    cleanup,
  }) => {
    const scene = await commandScene(
      client,
      () => ({ status: 200, json: { text: 'posted', responseType: 'in_channel' } }),
      cleanup
    )
    const { org, owner, alice, room, bot, endpoint } = scene
    const other = await groupRoom(org, owner, [alice], 'other')
    const unknown = await failure(
      run(client, alice, org, room.id, { command: 'nope' }),
      404,
      'E_UNKNOWN_COMMAND'
    )
    assert.equal(unknown, 'There is no /nope command in this room')
    await register(client, owner, org, {
      name: 'only-ops',
      url: endpoint.url,
      botId: bot.user.id,
      roomIds: [room.id],
    })
    await failure(
      run(client, alice, org, other.id, { command: 'only-ops' }),
      404,
      'E_UNKNOWN_COMMAND'
    )
    const offered = await as(client, alice, org, 'get', `/chat/rooms/${other.id}/commands`)
    assert.deepEqual(
      offered.body().data.map((c: any) => c.name),
      ['deploy']
    )
    const inOps = await as(client, alice, org, 'get', `/chat/rooms/${room.id}/commands`)
    assert.deepEqual(inOps.body().data, [
      { name: 'deploy', description: 'Deploy a service', usageHint: '<service> <version>' },
      { name: 'only-ops', description: null, usageHint: null },
    ])
    const notInRoom = await run(client, alice, org, other.id, { command: 'deploy' })
    notInRoom.assertStatus(409)
    assert.equal(notInRoom.body().errors[0].code, 'E_BOT_NOT_IN_ROOM')
    assert.lengthOf(endpoint.received, 1)
  })

  test('a muted member, an archived room and an end-to-end encrypted room are refused', async ({
    client,
    assert,
    cleanup,
  }) => {
    const { org, owner, alice, bob, room, endpoint } = await commandScene(
      client,
      () => ({ status: 200, json: { text: 'hi' } }),
      cleanup
    )
    // An encrypted room, marked so before anything reads (and caches) it.
    const secret = await groupRoom(org, owner, [alice], 'secret')
    await db.from('rooms').where('id', secret.id).update({ encrypted: true })
    const e2e = await failure(
      run(client, alice, org, secret.id, { command: 'deploy' }),
      409,
      'E_COMMAND_UNAVAILABLE'
    )
    assert.equal(e2e, 'Slash commands are not available in end-to-end encrypted rooms')
    const offered = await as(client, alice, org, 'get', `/chat/rooms/${secret.id}/commands`)
    assert.deepEqual(offered.body().data, [])

    const ownerActor = await actorFor(owner.user, org.id)
    await UpdateMemberMute.handle(ownerActor, bob.user.id, 10)
    await failure(run(client, bob, org, room.id, { command: 'deploy' }), 403, 'E_MEMBER_MUTED')
    await UpdateRoom.handle(ownerActor, room.id, { archived: true })
    await failure(run(client, alice, org, room.id, { command: 'deploy' }), 409, 'E_ROOM_ARCHIVED')
    assert.lengthOf(endpoint.received, 0)
  })

  test('a command of another organization is invisible and cannot run in its rooms', async ({
    client,
    assert,
    cleanup,
  }) => {
    const a = await commandScene(client, () => ({ status: 200, json: { text: 'A' } }), cleanup)
    const b = await otherOrg()
    const bBot = await botWithKey(b.org, b.stranger, 'b-bot')
    const bRoom = await groupRoom(b.org, b.stranger, [bBot], 'b-room')

    // Org B's owner cannot see or remove org A's command, even naming org B.
    for (const method of ['get', 'delete'] as const) {
      await expectStatus(
        as(
          client,
          b.stranger,
          b.org,
          method,
          `/organizations/${b.org.id}/commands/${a.command.id}`
        ),
        404
      )
    }
    // /deploy exists in A only: in B's room it is unknown, and A's endpoint is never called.
    await failure(
      run(client, b.stranger, b.org, bRoom.id, { command: 'deploy' }),
      404,
      'E_UNKNOWN_COMMAND'
    )
    // A member of A cannot run anything in B's room (404, as any foreign room).
    await failure(run(client, a.alice, a.org, bRoom.id, { command: 'deploy' }), 404, 'E_NOT_FOUND')
    await expectStatus(as(client, a.alice, a.org, 'get', `/chat/rooms/${bRoom.id}/commands`), 404)
    // A's admin cannot register a command with B's bot or restricted to B's room.
    const url = `/organizations/${a.org.id}/commands`
    const base = { name: 'x', url: a.endpoint.url, botId: a.bot.user.id }
    await expectStatus(
      as(client, a.owner, a.org, 'post', url).json({ ...base, botId: bBot.user.id }),
      404
    )
    await expectStatus(
      as(client, a.owner, a.org, 'post', url).json({ ...base, roomIds: [bRoom.id] }),
      404
    )
    assert.lengthOf(a.endpoint.received, 0)

    for (const [method, path] of [
      ['get', '/commands'],
      ['post', '/commands'],
      ['get', `/commands/${a.command.id}`],
      ['delete', `/commands/${a.command.id}`],
    ] as const) {
      await assertNotFoundForForeignOrgs(client, assert, (c, orgId) =>
        c.request(`/organizations/${orgId}${path}`, method.toUpperCase()).json(base)
      )
    }
  })

  test('an admin edits the endpoint, description, usage hint and rooms; edits are audited', async ({
    client,
    assert,
    cleanup,
  }) => {
    const scene = await commandScene(client, () => ({ status: 200, json: { text: 'v1' } }), cleanup)
    const { org, owner, alice, room, command } = scene
    const next = await startEndpoint(() => ({ status: 200, json: { text: 'v2' } }))
    cleanup(() => next.close())
    const path = `/organizations/${org.id}/commands/${command.id}`
    const patch = (body: Record<string, unknown>, who = owner) =>
      as(client, who, org, 'patch', path).json(body)

    const edited = await patch({
      url: next.url,
      description: null,
      usageHint: '',
      roomIds: [room.id],
    })
    edited.assertStatus(200)
    assert.containsSubset(edited.body().data, {
      id: command.id,
      name: 'deploy',
      url: next.url,
      botId: scene.bot.user.id,
      description: null,
      usageHint: null,
      roomIds: [room.id],
    })
    assert.notProperty(edited.body().data, 'secret')
    const ran = await run(client, alice, org, room.id, { command: 'deploy' })
    ran.assertStatus(200)
    assert.equal(ran.body().data.text, 'v2')
    assert.lengthOf(scene.endpoint.received, 0)
    assert.lengthOf(next.received, 1)

    // Every room again; a body that changes nothing is answered and not audited.
    const lifted = await patch({ roomIds: null })
    lifted.assertStatus(200)
    assert.isNull(lifted.body().data.roomIds)
    await expectStatus(patch({}), 200)
    await expectStatus(patch({ url: next.url }), 200)

    // Members cannot edit; bad bodies are 422, never a 500.
    await failure(patch({ description: 'mine' }, alice), 403, 'E_FORBIDDEN')
    for (const body of [
      { url: 'ftp://ci.example.com/slash' },
      { url: 42 },
      { description: 'x'.repeat(201) },
      { usageHint: 'x'.repeat(101) },
      { roomIds: [] },
      { roomIds: ['not-a-uuid'] },
      { roomIds: [room.id, room.id] },
      { description: 'nul\u0000byte' },
    ]) {
      await failure(patch(body), 422, 'E_VALIDATION_ERROR')
    }
    await expectStatus(
      as(client, owner, org, 'patch', `/organizations/${org.id}/commands/not-a-uuid`).json({}),
      404
    )

    const entries = await db
      .from('audit_events')
      .where('target_id', command.id)
      .where('action', 'command.updated')
      .orderBy('id')
      .select('actor_user_id', 'details')
    assert.deepEqual(
      entries.map((e) => [e.actor_user_id, e.details.changed]),
      [
        [owner.user.id, ['description', 'roomIds', 'url', 'usageHint']],
        [owner.user.id, ['roomIds']],
      ]
    )
  })

  test('rotating the signing secret shows the new one once and signs every call with it', async ({
    client,
    assert,
    cleanup,
  }) => {
    const scene = await commandScene(client, () => ({ status: 200, json: { text: 'ok' } }), cleanup)
    const { org, owner, alice, room, command, endpoint } = scene
    const rotate = (who: UserWithToken) =>
      as(client, who, org, 'post', `/organizations/${org.id}/commands/${command.id}/rotate-secret`)

    await failure(rotate(alice), 403, 'E_FORBIDDEN')
    const rotated = await rotate(owner)
    rotated.assertStatus(200)
    const { secret } = rotated.body().data
    assert.match(secret, /^whsec_/)
    assert.notEqual(secret, command.secret)
    const shown = await as(
      client,
      owner,
      org,
      'get',
      `/organizations/${org.id}/commands/${command.id}`
    )
    assert.notProperty(shown.body().data, 'secret')

    await expectStatus(run(client, alice, org, room.id, { command: 'deploy' }), 200)
    const signature = endpoint.received[0].headers['x-parley-signature'] as string
    assert.isTrue(verifySignature(secret, signature, endpoint.received[0].body))
    assert.isFalse(verifySignature(command.secret, signature, endpoint.received[0].body))

    const entries = await db
      .from('audit_events')
      .where('target_id', command.id)
      .where('action', 'command.secret_rotated')
      .select('actor_user_id', 'details')
    assert.deepEqual(
      entries.map((e) => e.actor_user_id),
      [owner.user.id]
    )
    assert.notInclude(JSON.stringify(entries), secret)
  })

  test('another organization can neither edit nor rotate a command, nor restrict it to its rooms', async ({
    client,
    assert,
    cleanup,
  }) => {
    const a = await commandScene(client, () => ({ status: 200, json: { text: 'A' } }), cleanup)
    const b = await otherOrg()
    const bRoom = await groupRoom(b.org, b.stranger, [], 'b-room')
    const foreign = `/organizations/${b.org.id}/commands/${a.command.id}`
    await expectStatus(
      as(client, b.stranger, b.org, 'patch', foreign).json({ url: 'https://evil.example.com' }),
      404
    )
    await expectStatus(as(client, b.stranger, b.org, 'post', `${foreign}/rotate-secret`), 404)
    // A's admin cannot restrict A's command to B's room.
    await expectStatus(
      as(
        client,
        a.owner,
        a.org,
        'patch',
        `/organizations/${a.org.id}/commands/${a.command.id}`
      ).json({ roomIds: [bRoom.id] }),
      404
    )
    for (const [method, path] of [
      ['patch', `/commands/${a.command.id}`],
      ['post', `/commands/${a.command.id}/rotate-secret`],
    ] as const) {
      await assertNotFoundForForeignOrgs(client, assert, (c, orgId) =>
        c.request(`/organizations/${orgId}${path}`, method.toUpperCase()).json({ description: 'x' })
      )
    }
    // Nothing of A's command changed, and its secret still signs.
    const shown = await as(
      client,
      a.owner,
      a.org,
      'get',
      `/organizations/${a.org.id}/commands/${a.command.id}`
    )
    assert.containsSubset(shown.body().data, {
      url: a.endpoint.url,
      description: 'Deploy a service',
      roomIds: null,
    })
    await expectStatus(run(client, a.alice, a.org, a.room.id, { command: 'deploy' }), 200)
    const call = a.endpoint.received[0]
    assert.isTrue(
      verifySignature(a.command.secret, call.headers['x-parley-signature'] as string, call.body)
    )
    const audited = await db
      .from('audit_events')
      .whereIn('action', ['command.updated', 'command.secret_rotated'])
      .count('* as n')
    assert.equal(Number(audited[0].n), 0)
  })

  test('hostile run bodies are 422 or 404, never a 500, and never reach the endpoint', async ({
    client,
    assert,
    cleanup,
  }) => {
    const { org, alice, room, endpoint } = await commandScene(
      client,
      () => ({ status: 200, json: { text: 'hi' } }),
      cleanup
    )
    const bodies: unknown[] = [
      {},
      { command: '' },
      { command: '/' },
      { command: 42 },
      { command: ['deploy'] },
      { command: { name: 'deploy' } },
      { command: 'deploy', args: 42 },
      { command: 'deploy', args: ['a'] },
      { command: 'deploy', args: 'x'.repeat(4001) },
      { command: 'deploy', args: 'nul\u0000' },
      { command: 'de ploy' },
      { command: 'x'.repeat(40) },
      { command: '\ud800' },
      { command: 'déploy' },
    ]
    for (const body of bodies) {
      const response = await as(client, alice, org, 'post', `/chat/rooms/${room.id}/commands`).json(
        body as object
      )
      assert.equal(response.status(), 422, JSON.stringify(body))
      assert.equal(response.body().errors[0].code, 'E_VALIDATION_ERROR')
    }
    for (const roomId of ['not-a-uuid', randomUUID(), '00000000-0000-0000-0000-000000000000']) {
      await failure(run(client, alice, org, roomId, { command: 'deploy' }), 404, 'E_NOT_FOUND')
    }
    await expectStatus(
      client.post(`/chat/rooms/${room.id}/commands`).json({ command: 'deploy' }),
      401
    )
    assert.lengthOf(endpoint.received, 0)
  })

  test('a message that starts with a slash is stored as plain text', async ({
    client,
    assert,
    cleanup,
  }) => {
    const { org, alice, room, endpoint } = await commandScene(
      client,
      () => ({ status: 200, json: { text: 'hi' } }),
      cleanup
    )
    const sent = await as(client, alice, org, 'post', '/chat/messages').json({
      roomId: room.id,
      content: '/deploy api',
    })
    sent.assertStatus(201)
    assert.equal(sent.body().data.content, '/deploy api')
    assert.lengthOf(endpoint.received, 0)
  })
})
