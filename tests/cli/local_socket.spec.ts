import { randomUUID } from 'node:crypto'
import { spawn } from 'node:child_process'
import { chmodSync, existsSync, lstatSync, mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { test } from '@japa/runner'
import type { Assert } from '@japa/assert'
import User from '#models/user'
import Membership from '#models/membership'
import Organization from '#models/organization'
import localAdminSocket from '#admin/local_socket'
import SendMessage from '#actions/messages/send_message'
import { actorFor } from '#services/org_context'
import { callLocalSocket } from '../../commands/local_socket_client.js'
import { resetDatabase } from '#tests/helpers/database'
import { testAdminSocketPath } from '#tests/helpers/admin_socket'
import { CHATCTL, childEnv, type Mode } from '#tests/helpers/chatctl'
import { baseUrl, collect, sseClient, waitFor } from '#tests/helpers/sse'
import { createMemberWithToken, createOrgWith, createUserWithToken } from '#tests/helpers/users'
import {
  attachGateway,
  closeSockets,
  connectAs,
  groupRoom,
  refusedConnection,
  type ClientSocket,
} from '#tests/helpers/sockets'
import { assertFailure, assertSuccess, bootstrapAdmin, chatctlJson } from './cli_fixtures.js'

const local = { name: 'local' } as const

/**
 * A database setting no server answers on: a local chatctl that booted the
 * app itself would fail, so a success proves the running server did the work.
 */
const NO_DATABASE = { DB_HOST: '127.0.0.1', DB_PORT: '1', DATABASE_URL: '' }

/** Opens a raw SSE event stream with a token; `ended` resolves when the server ends it. */
async function rawStream(token: string) {
  const response = await fetch(`${baseUrl()}/__transmit/events?uid=${randomUUID()}`, {
    headers: { authorization: `Bearer ${token}` },
  })
  const reader = response.body!.getReader()
  const ended = (async () => {
    for (;;) {
      const { done } = await reader.read()
      if (done) return true
    }
  })()
  return { status: response.status, ended, cancel: () => reader.cancel().catch(() => {}) }
}

/** A server admin and an admin token (remote mode) with its id, made by local chatctl. */
async function adminToken(assert: Assert) {
  await bootstrapAdmin(assert)
  const run = await chatctlJson(local, ['token', 'create', '--user', 'ops', '--name', 'revoked'])
  const issued = assertSuccess(assert, run, 'token:create')
  const remote: Mode = { name: 'remote', token: issued.token }
  return { remote, id: String(issued.id) }
}

/** Resolves with the reason once the server disconnects the socket (no time limit of its own). */
function disconnected(socket: ClientSocket) {
  return new Promise<string>((resolve) => socket.once('disconnect', resolve))
}

/** An owner and a member of one organization sharing a room, the member connected live. */
async function memberOnline(cleanup: (fn: () => void) => void) {
  const owner = await createUserWithToken()
  const org = await createOrgWith(owner.user)
  const member = await createMemberWithToken(org)
  const room = await groupRoom(org, owner.user, [member.user])
  const { socket } = await connectAs({ token: member.token, organizationId: org.id })
  const stream = await rawStream(member.token)
  cleanup(() => stream.cancel())
  return { owner, org, member, room, socket, stream }
}

test.group('chatctl local with the server running: through its admin socket', (group) => {
  group.setup(() => attachGateway())
  group.each.setup(() => resetDatabase())
  group.each.teardown(() => closeSockets())

  test('user deactivate disconnects the live socket and ends the SSE stream', async ({
    assert,
    cleanup,
  }) => {
    const { member, socket, stream } = await memberOnline(cleanup)
    assert.equal(stream.status, 200)
    const gone = disconnected(socket)

    const run = await chatctlJson(
      local,
      ['user', 'deactivate', member.user.email, '--confirm'],
      NO_DATABASE
    )

    const result = assertSuccess(assert, run, 'user:deactivate')
    assert.isString(result.succeeded[0].result.deactivatedAt)
    assert.equal(await gone, 'io server disconnect')
    assert.isTrue(await stream.ended)
    const refused = await refusedConnection({ token: member.token })
    assert.equal(refused.message, 'E_UNAUTHORIZED')
  })

  test('member remove disconnects the member in that organization and drops its SSE room channels', async ({
    assert,
    cleanup,
  }) => {
    const { owner, org, member, room, socket } = await memberOnline(cleanup)
    const listener = sseClient(member.token)
    cleanup(() => listener.close())
    const roomSub = listener.subscription(`orgs/${org.id}/rooms/${room.id}`)
    const userSub = listener.subscription(`users/${member.user.id}`)
    const roomEvents = collect<{ event: string }>(roomSub)
    const userEvents = collect<{ event: string; data: any }>(userSub)
    await roomSub.create()
    await userSub.create()
    const gone = disconnected(socket)

    const run = await chatctlJson(
      local,
      ['member', 'remove', '--org', org.slug, member.user.email, '--confirm'],
      NO_DATABASE
    )

    assertSuccess(assert, run, 'member:remove')
    assert.equal(await gone, 'io server disconnect')
    const { socket: ownerSocket } = await connectAs({ token: owner.token, organizationId: org.id })
    ownerSocket.emit('send_message', { roomId: room.id, content: 'after removal' })
    const ownRoom = await groupRoom(await createOrgWith(member.user), member.user)
    await waitFor(() => userEvents.some((message) => message.event === 'room_member_added'))
    assert.deepEqual(roomEvents, [])
    assert.equal(userEvents.at(-1)!.data.roomId, ownRoom.id)
  })

  test('org delete disconnects every member of the organization', async ({ assert, cleanup }) => {
    const { owner, org, socket } = await memberOnline(cleanup)
    const { socket: ownerSocket } = await connectAs({ token: owner.token, organizationId: org.id })
    const memberGone = disconnected(socket)
    const ownerGone = disconnected(ownerSocket)

    const run = await chatctlJson(local, ['org', 'delete', org.slug, '--confirm'], NO_DATABASE)

    assertSuccess(assert, run, 'org:delete')
    assert.equal(await memberGone, 'io server disconnect')
    assert.equal(await ownerGone, 'io server disconnect')
    assert.isNull(await Organization.find(org.id))
  })

  test('token revoke takes effect on the server at once', async ({ assert }) => {
    const { remote, id } = await adminToken(assert)
    assertSuccess(assert, await chatctlJson(remote, ['org', 'list']), 'org:list')

    const run = await chatctlJson(local, ['token', 'revoke', id, '--confirm'], NO_DATABASE)

    assertSuccess(assert, run, 'token:revoke')
    assertFailure(assert, await chatctlJson(remote, ['org', 'list']), 'E_UNAUTHORIZED', 3)
  })

  test('key rotation runs in the server and streams its progress over the socket', async ({
    assert,
  }) => {
    const owner = await createUserWithToken()
    const org = await createOrgWith(owner.user)
    const room = await groupRoom(org, owner.user)
    const actor = await actorFor(owner.user, org.id)
    for (const content of ['one', 'two', 'three']) {
      await SendMessage.handle(actor, { roomId: room.id, content })
    }
    const progress: { phase: string; done: number; total: number }[] = []

    const result = (await callLocalSocket(
      'key:rotate',
      { reencrypt: true, batchSize: 1 },
      { onProgress: (line) => progress.push(line) },
      testAdminSocketPath()
    )) as { reencryption: { rows: number; rowsTotal: number } }

    assert.deepInclude(result.reencryption, { rows: 3, rowsTotal: 3 })
    const reencrypt = progress.filter((line) => line.phase === 'reencrypt')
    assert.deepEqual(
      reencrypt.map((line) => line.done),
      [1, 2, 3, 3]
    )
    assert.isTrue(reencrypt.every((line) => line.total === 3))
  })

  test('errors come back with the server codes and exit codes', async ({ assert }) => {
    const missing = await chatctlJson(local, ['org', 'show', 'nope'], NO_DATABASE)
    assertFailure(assert, missing, 'E_NOT_FOUND', 1)
    const invalid = await chatctlJson(
      local,
      ['org', 'create', '--name', 'Acme', '--owner-email', 'nope'],
      NO_DATABASE
    )
    assertFailure(assert, invalid, 'E_VALIDATION_ERROR', 2)
    assert.include(invalid.json.message, 'ownerEmail')
  })

  test('another account is refused with E_UNAUTHORIZED, not run in-process', async ({
    assert,
    cleanup,
  }) => {
    const path = testAdminSocketPath()
    const asRoot = process.getuid?.() === 0
    if (!asRoot) {
      chmodSync(path, 0o000)
      cleanup(() => chmodSync(path, 0o600))
    }
    const child = spawn(CHATCTL, ['org', 'list', '--json'], {
      env: childEnv({ HOME: tmpdir() }),
      ...(asRoot ? { uid: 65534, gid: 65534 } : {}),
    })
    let stdout = ''
    child.stdout.on('data', (chunk) => (stdout += chunk))
    const code = await new Promise((resolve) => child.once('close', resolve))
    assert.equal(code, 3)
    assert.equal(JSON.parse(stdout).code, 'E_UNAUTHORIZED')
    assert.include(
      JSON.parse(stdout).message,
      `Permission denied on the local admin socket ${path}`
    )
  })

  test('the socket and its directory are open to the server account only', ({ assert }) => {
    const path = testAdminSocketPath()
    assert.equal(localAdminSocket.path, path)
    assert.isTrue(lstatSync(path).isSocket())
    assert.equal(statSync(path).mode & 0o777, 0o600)
    assert.equal(statSync(dirname(path)).mode & 0o777, 0o700)
  })
})

test.group('chatctl local with no server running: in-process', (group) => {
  group.setup(async () => {
    const path = testAdminSocketPath()
    await localAdminSocket.close()
    return async () => {
      await localAdminSocket.listen(path)
    }
  })
  group.each.setup(() => resetDatabase())

  test('closing the server removes its socket file', ({ assert }) => {
    assert.isFalse(existsSync(testAdminSocketPath()))
    assert.isUndefined(localAdminSocket.path)
  })

  test('user deactivate still works', async ({ assert }) => {
    const owner = await createUserWithToken()
    const org = await createOrgWith(owner.user)
    const member = await createMemberWithToken(org)
    const run = await chatctlJson(local, ['user', 'deactivate', member.user.email, '--confirm'])
    assertSuccess(assert, run, 'user:deactivate')
    const reloaded = await User.findOrFail(member.user.id)
    assert.isNotNull(reloaded.deactivatedAt)
  })

  test('member remove still works', async ({ assert }) => {
    const owner = await createUserWithToken()
    const org = await createOrgWith(owner.user)
    const member = await createMemberWithToken(org)
    const run = await chatctlJson(local, [
      'member',
      'remove',
      '--org',
      org.slug,
      member.user.email,
      '--confirm',
    ])
    assertSuccess(assert, run, 'member:remove')
    assert.isNull(await Membership.query().where('user_id', member.user.id).first())
  })

  test('token revoke still works', async ({ assert }) => {
    const { remote, id } = await adminToken(assert)
    const run = await chatctlJson(local, ['token', 'revoke', id, '--confirm'])
    assertSuccess(assert, run, 'token:revoke')
    assertFailure(assert, await chatctlJson(remote, ['org', 'list']), 'E_UNAUTHORIZED', 3)
  })

  test('org delete still works', async ({ assert }) => {
    const owner = await createUserWithToken()
    const org = await createOrgWith(owner.user)
    const run = await chatctlJson(local, ['org', 'delete', org.slug, '--confirm'])
    assertSuccess(assert, run, 'org:delete')
    assert.isNull(await Organization.find(org.id))
  })

  test('a stale socket file left by a killed server is passed over, then replaced', async ({
    assert,
    cleanup,
  }) => {
    const directory = mkdtempSync(join(tmpdir(), 'parley-stale-'))
    cleanup(() => rmSync(directory, { recursive: true, force: true }))
    const path = join(directory, 'admin.sock')
    const killed = spawn(process.execPath, [
      '-e',
      `require('node:net').createServer().listen(${JSON.stringify(path)}, () => console.log('up'))`,
    ])
    await new Promise((resolve) => killed.stdout.once('data', resolve))
    killed.kill('SIGKILL')
    await new Promise((resolve) => killed.once('exit', resolve))
    assert.isTrue(lstatSync(path).isSocket())

    const fallback = await chatctlJson(local, ['org', 'list'], { ADMIN_SOCKET_PATH: path })
    assert.deepEqual(assertSuccess(assert, fallback, 'org:list'), [])

    assert.isTrue(await localAdminSocket.listen(path))
    cleanup(() => localAdminSocket.close())
    const served = await chatctlJson(local, ['org', 'list'], {
      ADMIN_SOCKET_PATH: path,
      ...NO_DATABASE,
    })
    assert.deepEqual(assertSuccess(assert, served, 'org:list'), [])
  })
})
