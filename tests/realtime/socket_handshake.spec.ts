import { test } from '@japa/runner'
import { randomUUID } from 'node:crypto'
import { resetDatabase } from '#tests/helpers/database'
import { createMemberWithToken, createOrgWith, createUserWithToken } from '#tests/helpers/users'
import {
  attachGateway,
  closeSockets,
  connectAs,
  groupRoom,
  refusedConnection,
} from '#tests/helpers/sockets'

test.group('Socket.IO handshake', (group) => {
  group.setup(() => attachGateway())
  group.each.setup(() => resetDatabase())
  group.each.teardown(() => closeSockets())

  test('connects with auth.token into the active organization and its rooms', async ({
    assert,
  }) => {
    const owner = await createUserWithToken()
    const org = await createOrgWith(owner.user)
    const room = await groupRoom(org, owner.user)
    const otherOrg = await createOrgWith(owner.user)
    await groupRoom(otherOrg, owner.user)

    const { context } = await connectAs({ token: owner.token })

    assert.deepEqual(context, { userId: owner.user.id, organizationId: org.id, rooms: [room.id] })
  })

  test('accepts the Authorization and x-organization-id headers', async ({ assert }) => {
    const owner = await createUserWithToken()
    await createOrgWith(owner.user)
    const second = await createOrgWith(owner.user)
    const room = await groupRoom(second, owner.user)

    const { context } = await connectAs(
      {},
      { extraHeaders: { 'authorization': `Bearer ${owner.token}`, 'x-organization-id': second.id } }
    )

    assert.equal(context.organizationId, second.id)
    assert.deepEqual(context.rooms, [room.id])
  })

  test('auth.organizationId picks another organization of the user', async ({ assert }) => {
    const owner = await createUserWithToken()
    await createOrgWith(owner.user)
    const second = await createOrgWith(owner.user)

    const { context } = await connectAs({ token: owner.token, organizationId: second.id })

    assert.equal(context.organizationId, second.id)
    assert.deepEqual(context.rooms, [])
  })

  test('refuses a missing, malformed or revoked token with E_UNAUTHORIZED', async ({ assert }) => {
    const owner = await createUserWithToken()
    await createOrgWith(owner.user)
    const forged = `${owner.token.slice(0, -4)}AAAA`

    for (const auth of [{}, { token: 'nope' }, { token: forged }, { token: 42 }]) {
      const error = await refusedConnection(auth)
      assert.equal(error.message, 'E_UNAUTHORIZED', JSON.stringify(auth))
      assert.equal(error.data?.code, 'E_UNAUTHORIZED')
    }
  })

  test('refuses an organization the user is not a member of with E_NOT_FOUND', async ({
    assert,
  }) => {
    const owner = await createUserWithToken()
    await createOrgWith(owner.user)
    const stranger = await createUserWithToken()
    const foreign = await createOrgWith(stranger.user)

    for (const organizationId of [foreign.id, randomUUID(), 'not-a-uuid']) {
      const error = await refusedConnection({ token: owner.token, organizationId })
      assert.equal(error.message, 'E_NOT_FOUND', organizationId)
    }
  })

  test('refuses a user without any organization context with E_ORGANIZATION_REQUIRED', async ({
    assert,
  }) => {
    const loner = await createUserWithToken()

    const error = await refusedConnection({ token: loner.token })

    assert.equal(error.message, 'E_ORGANIZATION_REQUIRED')
  })

  test('lists only the rooms the user is a member of', async ({ assert }) => {
    const owner = await createUserWithToken()
    const org = await createOrgWith(owner.user)
    const member = await createMemberWithToken(org)
    const shared = await groupRoom(org, owner.user, [member.user])
    await groupRoom(org, owner.user)

    const { context } = await connectAs({ token: member.token, organizationId: org.id })

    assert.deepEqual(context.rooms, [shared.id])
  })

  test('refuses browsers from an origin that is not allowed', async ({ assert }) => {
    const owner = await createUserWithToken()
    await createOrgWith(owner.user)

    const error = await refusedConnection(
      { token: owner.token },
      { transports: ['polling'], extraHeaders: { origin: 'https://evil.example' } }
    )

    assert.exists(error)
  })
})
