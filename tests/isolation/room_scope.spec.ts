import { test } from '@japa/runner'
import type { ApiClient } from '@japa/api-client'
import router from '@adonisjs/core/services/router'
import { actorFor } from '#services/org_context'
import SendMessage from '#actions/messages/send_message'
import { resetDatabase } from '#tests/helpers/database'
import { as } from '#tests/helpers/requests'
import { createMemberWithToken, createOrgWith, createUserWithToken } from '#tests/helpers/users'
import { groupRoom } from '#tests/helpers/sockets'
import { pngBytes, removeFixtureFiles, trackFiles } from '../functional/media/media_fixtures.js'

/*
 * DESIGN §3: every lookup of a room, message or file is scoped to the
 * request's organization. The caller here belongs to BOTH organizations and
 * is a member of the room, so a lookup by id alone would find it: only the
 * organization scope can answer 404 when the room of organization B is
 * addressed with `x-organization-id` of organization A. Every route of the
 * router that takes a room, message or file (by path, or `roomId` in the
 * body) is swept, so new routes join by themselves.
 */
const ADDRESSED = /:(roomId|messageId|mediaId)\b/

function roomRoutes() {
  return Object.values(router.toJSON())
    .flat()
    .filter(
      (route) =>
        /^\/(chat|media)\//.test(route.pattern) &&
        (ADDRESSED.test(route.pattern) || route.pattern === '/chat/messages')
    )
    .flatMap((route) =>
      route.methods
        .filter((method) => method !== 'HEAD')
        .map((method) => ({ method, pattern: route.pattern }))
    )
}

/** A user who owns organization A and organization B; in B, a room with a message and a file. */
async function twoOrganizations(client: ApiClient) {
  const both = await createUserWithToken()
  const orgA = await createOrgWith(both.user)
  const orgB = await createOrgWith(both.user)
  trackFiles(orgB.id)
  const colleague = await createMemberWithToken(orgB)
  const room = await groupRoom(orgB, both.user, [colleague.user])
  const actor = await actorFor(both.user, orgB.id)
  const { message } = await SendMessage.handle(actor, { roomId: room.id, content: 'in B' })
  const upload = await as(client, both, orgB, 'post', `/media/upload/${message.id}`).file(
    'file',
    await pngBytes(),
    { filename: 'b.png' }
  )
  upload.assertStatus(201)
  const ids: Record<string, string> = {
    roomId: room.id,
    messageId: message.id,
    mediaId: upload.body().data.id,
    memberId: colleague.user.id,
    emoji: encodeURIComponent('👍'),
  }
  const url = (pattern: string) => pattern.replace(/:(\w+)/g, (_, name) => ids[name])
  const body = {
    roomId: room.id,
    content: 'x',
    userIds: [colleague.user.id],
    seq: 1,
    name: 'x',
    muted: true,
    emoji: '👍',
    following: true,
    reason: 'x',
    seconds: 30,
    command: 'deploy',
  }
  return { both, orgA, orgB, url, body }
}

test.group('Rooms are scoped to the organization on every REST route', (group) => {
  group.each.setup(() => resetDatabase())
  group.each.teardown(() => removeFixtureFiles())

  test('the sweep covers the room, message and media routes', ({ assert }) => {
    const routes = roomRoutes().map((route) => `${route.method} ${route.pattern}`)
    assert.includeMembers(routes, [
      'GET /chat/rooms/:roomId',
      'GET /chat/rooms/:roomId/messages',
      'POST /chat/messages',
      'PUT /chat/messages/:messageId',
      'POST /media/upload/:messageId',
      'GET /media/:mediaId',
      'DELETE /media/:mediaId',
    ])
  })

  test('a room of organization B addressed in organization A is 404 for a member of both', async ({
    client,
    assert,
  }) => {
    const { both, orgA, orgB, url, body } = await twoOrganizations(client)
    const png = await pngBytes()

    for (const { method, pattern } of roomRoutes()) {
      const verb = method.toLowerCase() as 'get'
      const request = as(client, both, orgA, verb, url(pattern))
      const inA = await (pattern.startsWith('/media/upload/')
        ? request.file('file', png, { filename: 'a.png' })
        : request.json(body))
      assert.equal(inA.status(), 404, `${method} ${pattern} in organization A`)
      assert.equal(inA.body().errors?.[0]?.code, 'E_NOT_FOUND', `${method} ${pattern}`)
    }
    // The same ids are real and reachable in their own organization.
    for (const { method, pattern } of roomRoutes().filter((route) => route.method === 'GET')) {
      const inB = await as(client, both, orgB, 'get', url(pattern))
      assert.equal(inB.status(), 200, `${method} ${pattern} in organization B`)
    }
  })
})
