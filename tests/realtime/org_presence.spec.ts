import { test } from '@japa/runner'
import { resetDatabase } from '#tests/helpers/database'
import { createMemberWithToken, createOrgWith, createUserWithToken } from '#tests/helpers/users'
import { assertNotFoundForForeignOrgs } from '#tests/helpers/tenancy'
import { attachGateway, closeSockets, connectAs, nextEvent } from '#tests/helpers/sockets'

test.group('GET /organizations/:orgId/presence', (group) => {
  group.setup(() => attachGateway())
  group.each.setup(() => resetDatabase())
  group.each.teardown(() => closeSockets())

  test('answers 401 without a token', async ({ client, assert }) => {
    const owner = await createUserWithToken()
    const org = await createOrgWith(owner.user)
    const response = await client.get(`/organizations/${org.id}/presence`)
    response.assertStatus(401)
    assert.equal(response.body().errors[0].code, 'E_UNAUTHORIZED')
  })

  test('lists the members with a live socket in the organization, and not after they leave', async ({
    client,
    assert,
  }) => {
    const owner = await createUserWithToken()
    const org = await createOrgWith(owner.user)
    const member = await createMemberWithToken(org)
    const url = `/organizations/${org.id}/presence`

    const before = await client.get(url).bearerToken(owner.token)
    before.assertStatus(200)
    assert.deepEqual(before.body(), { data: { online: [] } })

    const { socket } = await connectAs({ token: member.token, organizationId: org.id })
    const online = await client.get(url).bearerToken(owner.token)
    assert.deepEqual(online.body().data.online, [member.user.id])

    const watcher = await connectAs({ token: owner.token, organizationId: org.id })
    const offline = nextEvent(watcher.socket, 'user_offline')
    socket.disconnect()
    await offline
    const after = await client.get(url).bearerToken(owner.token)
    assert.deepEqual(after.body().data.online, [owner.user.id])
  })

  test('answers 404 for another organization, an unknown and a malformed id', async ({
    client,
    assert,
  }) => {
    const member = await createUserWithToken()
    const org = await createOrgWith(member.user)
    await connectAs({ token: member.token, organizationId: org.id })
    await assertNotFoundForForeignOrgs(client, assert, (c, orgId) =>
      c.get(`/organizations/${orgId}/presence`)
    )
  })
})
