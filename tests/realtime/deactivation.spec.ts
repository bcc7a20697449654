import { test } from '@japa/runner'
import { randomUUID } from 'node:crypto'
import User from '#models/user'
import RegisterUser from '#actions/auth/register_user'
import { resetDatabase } from '#tests/helpers/database'
import { baseUrl } from '#tests/helpers/sse'
import {
  createMemberWithToken,
  createOrgWith,
  createUserWithToken,
  TEST_PASSWORD,
} from '#tests/helpers/users'
import {
  attachGateway,
  closeSockets,
  connectAs,
  nextEvent,
  refusedConnection,
  succeeds,
} from '#tests/helpers/sockets'

/** An admin token of a server admin (the admin API's door). */
async function adminToken() {
  const admin = await RegisterUser.handle(
    {
      email: `ops-${randomUUID()}@parley.test`,
      username: `ops${Date.now() % 1e8}`,
      password: TEST_PASSWORD,
    },
    { isAdmin: true }
  )
  const token = await User.adminTokens.create(admin, ['admin'])
  return token.value!.release()
}

/** Opens a raw SSE stream with a token; `ended` resolves when the server closes it. */
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
  return { status: response.status, ended }
}

test.group('Deactivation', (group) => {
  group.setup(() => attachGateway())
  group.each.setup(() => resetDatabase())
  group.each.teardown(() => closeSockets())

  test('deactivating an account through the admin API disconnects every live session of it', async ({
    client,
    assert,
  }) => {
    const owner = await createUserWithToken()
    const org = await createOrgWith(owner.user)
    const target = await createMemberWithToken(org)
    const ownOrg = await createOrgWith(target.user)
    const second = await User.accessTokens.create(target.user, ['*'], { name: 'second' })
    const secondToken = second.value!.release()
    const sessions = [
      await connectAs({ token: target.token, organizationId: org.id }),
      await connectAs({ token: target.token, organizationId: ownOrg.id }),
      await connectAs({ token: secondToken, organizationId: org.id }),
    ]
    const bystander = await connectAs({ token: owner.token, organizationId: org.id })
    const stream = await rawStream(target.token)
    assert.equal(stream.status, 200)
    const gone = sessions.map(({ socket }) => nextEvent<string>(socket, 'disconnect'))

    const response = await client
      .post(`/admin/users/${target.user.id}/deactivate`)
      .bearerToken(await adminToken())

    response.assertStatus(200)
    assert.deepEqual(await Promise.all(gone), [
      'io server disconnect',
      'io server disconnect',
      'io server disconnect',
    ])
    assert.isTrue(await stream.ended)
    assert.isTrue(bystander.socket.connected)
    assert.isTrue(await succeeds(bystander.socket, 'sync', { rooms: {} }))
    for (const token of [target.token, secondToken]) {
      const refused = await refusedConnection({ token })
      assert.equal(refused.message, 'E_UNAUTHORIZED')
      const rest = await client.get('/users/me').bearerToken(token)
      rest.assertStatus(401)
    }
  })
})
