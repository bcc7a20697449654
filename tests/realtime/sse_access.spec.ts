import { test } from '@japa/runner'
import { messageExample, notificationExample } from '#openapi/examples'
import { randomUUID } from 'node:crypto'
import Room from '#models/room'
import RoomMember from '#models/room_member'
import type Organization from '#models/organization'
import type User from '#models/user'
import { sseBroadcast } from '#realtime/sse'
import { resetDatabase } from '#tests/helpers/database'
import { baseUrl, collect, sseClient, waitFor } from '#tests/helpers/sse'
import { createMemberWithToken, createOrgWith, createUserWithToken } from '#tests/helpers/users'

async function roomWith(organization: Organization, members: User[]) {
  const room = await Room.create({
    organizationId: organization.id,
    type: 'group',
    name: 'general',
  })
  for (const user of members) {
    await RoomMember.create({
      organizationId: organization.id,
      roomId: room.id,
      userId: user.id,
      role: 'member',
    })
  }
  return room
}

function subscribe(token: string | null, uid: string, channel: string) {
  return fetch(`${baseUrl()}/__transmit/subscribe`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ uid, channel }),
  })
}

test.group('SSE channel access', (group) => {
  group.each.setup(() => resetDatabase())

  test('a member receives events on their room and user channels', async ({ assert, cleanup }) => {
    const owner = await createUserWithToken()
    const org = await createOrgWith(owner.user)
    const room = await roomWith(org, [owner.user])
    const client = sseClient(owner.token)
    cleanup(() => client.close())

    const roomChannel = `orgs/${org.id}/rooms/${room.id}`
    const roomSub = client.subscription(roomChannel)
    const userSub = client.subscription(`users/${owner.user.id}`)
    const roomEvents = collect(roomSub)
    const userEvents = collect(userSub)
    await roomSub.create()
    await userSub.create()

    // Documented payloads (the SSE client checks what it receives against /asyncapi.json).
    const message = { ...messageExample, roomId: room.id }
    sseBroadcast(roomChannel, 'new_message', message)
    sseBroadcast(`users/${owner.user.id}`, 'notification', notificationExample)
    await waitFor(() => roomEvents.length === 1 && userEvents.length === 1)
    assert.deepEqual(roomEvents[0], { event: 'new_message', data: message })
    assert.deepEqual(userEvents[0], { event: 'notification', data: notificationExample })
  })

  test('answers 404 for another organization, a non-member room and another user', async ({
    assert,
  }) => {
    // Organization channels (presence) are their members' only, like room channels.
    const owner = await createUserWithToken()
    const org = await createOrgWith(owner.user)
    const outsider = await createMemberWithToken(org)
    const room = await roomWith(org, [owner.user])
    const other = await createUserWithToken()
    const otherOrg = await createOrgWith(other.user)
    const otherRoom = await roomWith(otherOrg, [other.user])

    const channels = [
      `orgs/${otherOrg.id}/rooms/${otherRoom.id}`,
      `orgs/${otherOrg.id}`,
      `orgs/${randomUUID()}`,
      `orgs/${org.id}/rooms/${room.id}`,
      `orgs/${org.id}/rooms/${otherRoom.id}`,
      `users/${owner.user.id}`,
      `orgs/${randomUUID()}/rooms/${randomUUID()}`,
      'orgs/not-a-uuid/rooms/x',
      'anything/else',
    ]
    for (const channel of channels) {
      const response = await subscribe(outsider.token, randomUUID(), channel)
      assert.equal(response.status, 404, channel)
      const body = (await response.json()) as { errors: { code: string }[] }
      assert.equal(body.errors[0].code, 'E_NOT_FOUND')
    }
  })

  test('a member of one room is refused the channel of another room of the organization', async ({
    assert,
    cleanup,
  }) => {
    const owner = await createUserWithToken()
    const org = await createOrgWith(owner.user)
    const member = await createMemberWithToken(org)
    const shared = await roomWith(org, [owner.user, member.user])
    const privateRoom = await roomWith(org, [owner.user])
    const uid = randomUUID()
    const stream = new AbortController()
    cleanup(() => stream.abort())
    const events = await fetch(`${baseUrl()}/__transmit/events?uid=${uid}`, {
      headers: { authorization: `Bearer ${member.token}` },
      signal: stream.signal,
    })
    assert.equal(events.status, 200)

    const allowed = await subscribe(member.token, uid, `orgs/${org.id}/rooms/${shared.id}`)
    const refused = await subscribe(member.token, uid, `orgs/${org.id}/rooms/${privateRoom.id}`)
    assert.equal(allowed.status, 204)
    assert.equal(refused.status, 404)
    const body = (await refused.json()) as { errors: { code: string }[] }
    assert.equal(body.errors[0].code, 'E_NOT_FOUND')
  })

  test('a room of organization B under organization A is 404 for a member of both', async ({
    assert,
    cleanup,
  }) => {
    // The SSE authorizer uses the room gate of REST and sockets: the room must
    // belong to the channel's organization, not just have the user as a member.
    const both = await createUserWithToken()
    const orgA = await createOrgWith(both.user)
    const orgB = await createOrgWith(both.user)
    const roomB = await roomWith(orgB, [both.user])
    const uid = randomUUID()
    const stream = new AbortController()
    cleanup(() => stream.abort())
    const events = await fetch(`${baseUrl()}/__transmit/events?uid=${uid}`, {
      headers: { authorization: `Bearer ${both.token}` },
      signal: stream.signal,
    })
    assert.equal(events.status, 200)

    const refused = await subscribe(both.token, uid, `orgs/${orgA.id}/rooms/${roomB.id}`)
    assert.equal(refused.status, 404)
    const body = (await refused.json()) as { errors: { code: string }[] }
    assert.equal(body.errors[0].code, 'E_NOT_FOUND')
    const allowed = await subscribe(both.token, uid, `orgs/${orgB.id}/rooms/${roomB.id}`)
    assert.equal(allowed.status, 204)
  })

  test('requires a token and refuses a stream id held by another user', async ({
    assert,
    cleanup,
  }) => {
    const owner = await createUserWithToken()
    const org = await createOrgWith(owner.user)
    const member = await createMemberWithToken(org)
    const uid = randomUUID()
    const stream = new AbortController()
    cleanup(() => stream.abort())
    const events = await fetch(`${baseUrl()}/__transmit/events?uid=${uid}`, {
      headers: { authorization: `Bearer ${owner.token}` },
      signal: stream.signal,
    })
    assert.equal(events.status, 200)

    const anonymous = await subscribe(null, uid, `users/${owner.user.id}`)
    const ownerSub = await subscribe(owner.token, uid, `users/${owner.user.id}`)
    const hijack = await subscribe(member.token, uid, `users/${member.user.id}`)
    const hijackStream = await fetch(`${baseUrl()}/__transmit/events?uid=${uid}`, {
      headers: { authorization: `Bearer ${member.token}` },
    })
    assert.equal(anonymous.status, 401)
    assert.equal(ownerSub.status, 204)
    assert.equal(hijack.status, 404)
    assert.equal(hijackStream.status, 404)
  })
})
