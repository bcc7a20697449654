import { randomUUID } from 'node:crypto'
import { test } from '@japa/runner'
import User from '#models/user'
import Organization from '#models/organization'
import RegisterUser from '#actions/auth/register_user'
import { OPERATION_ROUTES } from '#admin/operation_routes'
import { resetDatabase } from '#tests/helpers/database'
import { groupRoom } from '#tests/helpers/sockets'
import { createOrgWith, createUserWithToken, TEST_PASSWORD } from '#tests/helpers/users'

/** A server admin and an admin token for them. */
async function adminToken(isAdmin = true) {
  const user = await RegisterUser.handle(
    {
      email: `ops-${randomUUID()}@parley.test`,
      username: `ops${Date.now() % 1e8}`,
      password: TEST_PASSWORD,
    },
    { isAdmin }
  )
  const token = await User.adminTokens.create(user, ['admin'])
  return token.value!.release()
}

/** A route's path with every parameter filled with a random uuid. */
function anyPath(path: string) {
  return path.replace(/:[a-zA-Z]+/g, () => randomUUID())
}

test.group('Admin API', (group) => {
  group.each.setup(() => resetDatabase())

  test('answers 401 E_UNAUTHORIZED on every admin route without a token', async ({
    client,
    assert,
  }) => {
    for (const [id, route] of Object.entries(OPERATION_ROUTES)) {
      const response = await client.request(anyPath(route.path), route.method)
      assert.equal(response.status(), 401, id)
      assert.deepEqual(response.body(), {
        errors: [{ code: 'E_UNAUTHORIZED', message: 'Authentication required' }],
      })
    }
  })

  test('answers 401 to a user API token and 403 to an admin token of a non-admin', async ({
    client,
  }) => {
    const { token } = await createUserWithToken()
    const asUser = await client.get('/admin/organizations').bearerToken(token)
    asUser.assertStatus(401)
    asUser.assertBodyContains({ errors: [{ code: 'E_UNAUTHORIZED' }] })

    const notAdmin = await client.get('/admin/organizations').bearerToken(await adminToken(false))
    notAdmin.assertStatus(403)
    notAdmin.assertBody({
      errors: [{ code: 'E_FORBIDDEN', message: 'This account is not a server admin' }],
    })
  })

  test('rejects bad input with 422 per field and writes nothing', async ({ client, assert }) => {
    const response = await client
      .post('/admin/organizations')
      .bearerToken(await adminToken())
      .json({ name: '', ownerEmail: 'not-an-email' })
    response.assertStatus(422)
    assert.deepEqual(
      response.body().errors.map((e: { code: string; field: string }) => [e.code, e.field]),
      [
        ['E_VALIDATION_ERROR', 'name'],
        ['E_VALIDATION_ERROR', 'ownerEmail'],
      ]
    )
    assert.lengthOf(await Organization.all(), 0)
    assert.lengthOf(await User.query().where('email', 'not-an-email'), 0)
  })

  test('bootstraps an organization with its owner and lists its members', async ({
    client,
    assert,
  }) => {
    const token = await adminToken()
    const created = await client
      .post('/admin/organizations')
      .bearerToken(token)
      .json({ name: 'Acme', slug: 'acme', ownerEmail: 'ada@acme.test', oneTimePassword: true })
    created.assertStatus(201)
    const { organization, owner, oneTimePassword, setPasswordLink } = created.body().data
    assert.isNull(setPasswordLink)
    assert.equal(owner.email, 'ada@acme.test')
    const login = await client
      .post('/auth/login')
      .json({ email: 'ada@acme.test', password: oneTimePassword })
    login.assertStatus(200)

    const members = await client.get('/admin/organizations/acme/members').bearerToken(token)
    members.assertStatus(200)
    assert.deepEqual(
      members
        .body()
        .data.map((m: { organizationId: string; role: string }) => [m.organizationId, m.role]),
      [[organization.id, 'owner']]
    )
  })

  test('archives a room of an organization for its members, once', async ({ client, assert }) => {
    const token = await adminToken()
    const ada = await createUserWithToken()
    const acme = await createOrgWith(ada.user)
    const room = await groupRoom(acme, ada.user)

    const archive = await client
      .post(`/admin/organizations/${acme.id}/rooms/${room.id}/archive`)
      .bearerToken(token)
    archive.assertStatus(200)
    const seen = await client
      .get(`/chat/rooms/${room.id}`)
      .bearerToken(ada.token)
      .header('x-organization-id', acme.id)
    const archivedAt = seen.body().data.archivedAt
    assert.isString(archivedAt)
    const feed = await client
      .get('/chat/rooms?after=0')
      .bearerToken(ada.token)
      .header('x-organization-id', acme.id)
    assert.include(
      feed.body().data.map((r: { id: string }) => r.id),
      room.id
    )

    const again = await client
      .post(`/admin/organizations/${acme.id}/rooms/${room.id}/archive`)
      .bearerToken(token)
    again.assertStatus(200)
    const still = await client
      .get(`/chat/rooms/${room.id}`)
      .bearerToken(ada.token)
      .header('x-organization-id', acme.id)
    assert.equal(still.body().data.archivedAt, archivedAt)
  })

  test("answers 404 for an unknown organization and for another organization's room or invite", async ({
    client,
  }) => {
    const token = await adminToken()
    const { user: ada } = await createUserWithToken()
    const acme = await createOrgWith(ada)
    const { user: eve } = await createUserWithToken()
    const other = await createOrgWith(eve)
    const foreignRoom = await groupRoom(other, eve)

    const unknown = await client.get(`/admin/organizations/${randomUUID()}`).bearerToken(token)
    unknown.assertStatus(404)
    unknown.assertBody({ errors: [{ code: 'E_NOT_FOUND', message: 'Organization not found' }] })

    const room = await client
      .get(`/admin/organizations/${acme.id}/rooms/${foreignRoom.id}`)
      .bearerToken(token)
    room.assertStatus(404)
    room.assertBody({ errors: [{ code: 'E_NOT_FOUND', message: 'Room not found' }] })

    const archive = await client
      .post(`/admin/organizations/${acme.id}/rooms/${foreignRoom.id}/archive`)
      .bearerToken(token)
    archive.assertStatus(404)

    const invite = await client
      .post(`/admin/organizations/${other.id}/invites`)
      .bearerToken(token)
      .json({ email: 'zed@acme.test' })
    invite.assertStatus(201)
    const revoke = await client
      .delete(`/admin/organizations/${acme.id}/invites/${invite.body().data.id}`)
      .bearerToken(token)
    revoke.assertStatus(404)

    const role = await client
      .put(`/admin/organizations/${acme.id}/members/${eve.id}/role`)
      .bearerToken(token)
      .json({ role: 'admin' })
    role.assertStatus(404)
  })
})
