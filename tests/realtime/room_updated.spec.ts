import { test } from '@japa/runner'
import { resetDatabase } from '#tests/helpers/database'
import { listenOnChannel, waitFor } from '#tests/helpers/sse'
import { createMemberWithToken, createOrgWith, createUserWithToken } from '#tests/helpers/users'
import {
  attachGateway,
  closeSockets,
  connectAs,
  groupRoom,
  nextEvent,
  record,
} from '#tests/helpers/sockets'

/**
 * An owner and a member sharing a group room, the member connected, and
 * what an organization member outside the room receives.
 */
async function scene() {
  const owner = await createUserWithToken()
  const org = await createOrgWith(owner.user)
  const member = await createMemberWithToken(org)
  const outsider = await createMemberWithToken(org)
  const room = await groupRoom(org, owner.user, [member.user])
  const listener = await connectAs({ token: member.token, organizationId: org.id })
  const other = await connectAs({ token: outsider.token, organizationId: org.id })
  return {
    owner,
    org,
    member,
    room,
    listener,
    outsiderEvents: record(other.socket, 'room_updated'),
  }
}

test.group('The room_updated event', (group) => {
  group.setup(() => attachGateway())
  group.each.setup(() => resetDatabase())
  group.each.teardown(() => closeSockets())

  test('a rename and an archive reach the room live, on sockets and SSE, and no one else', async ({
    client,
    assert,
    cleanup,
  }) => {
    const { owner, org, member, room, listener, outsiderEvents } = await scene()
    const sse = await listenOnChannel(member.token, `orgs/${org.id}/rooms/${room.id}`, cleanup)
    const patch = (body: object) =>
      client
        .patch(`/chat/rooms/${room.id}`)
        .bearerToken(owner.token)
        .header('x-organization-id', org.id)
        .json(body)

    const renamed = nextEvent(listener.socket, 'room_updated')
    const rename = await patch({ name: 'planning' })
    rename.assertStatus(200)
    const first = await renamed
    assert.deepInclude(first, { organizationId: org.id, roomId: room.id })
    assert.equal(first.room.name, 'planning')
    assert.isNull(first.room.archivedAt)
    for (const own of ['unreadCount', 'role', 'lastReadSeq', 'muted']) {
      assert.notProperty(first.room, own, `the changer's own ${own} is not broadcast`)
    }

    const archived = nextEvent(listener.socket, 'room_updated')
    const archive = await patch({ archived: true })
    archive.assertStatus(200)
    const second = await archived
    assert.isString(second.room.archivedAt)

    await waitFor(() => sse.messages.filter((e) => e.event === 'room_updated').length === 2)
    assert.deepEqual(await sse.first('room_updated'), first)
    assert.deepEqual(outsiderEvents, [])
  })

  test('a slow mode change reaches the room as room_updated with slowModeSeconds, and no one else', async ({
    client,
    assert,
  }) => {
    const { owner, org, room, listener, outsiderEvents } = await scene()
    const listenerEvents = record(listener.socket, 'room_updated')
    const slowMode = async (seconds: number) => {
      const response = await client
        .put(`/chat/rooms/${room.id}/slow-mode`)
        .bearerToken(owner.token)
        .header('x-organization-id', org.id)
        .json({ seconds })
      response.assertStatus(200)
    }

    const changed = nextEvent(listener.socket, 'room_updated')
    await slowMode(30)
    const event = await changed
    assert.deepInclude(event, { organizationId: org.id, roomId: room.id })
    assert.equal(event.room.slowModeSeconds, 30)

    // The same interval again changes nothing and announces nothing; 0 is announced.
    await slowMode(30)
    const off = nextEvent(listener.socket, 'room_updated')
    await slowMode(0)
    const offEvent = await off
    assert.equal(offEvent.room.slowModeSeconds, 0)
    assert.deepEqual(
      listenerEvents.map((seen: any) => seen.room.slowModeSeconds),
      [30, 0]
    )
    assert.deepEqual(outsiderEvents, [])
  })
})
