import { randomUUID } from 'node:crypto'
import { DateTime } from 'luxon'
import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import type { Role } from '#models/membership'
import orgActivity from '#services/org_activity'
import { attachGateway, closeSockets, connectAs, request } from '#tests/helpers/sockets'
import { as, chatOrg, groupRoom, member, otherOrg, send } from '../chat/chat_fixtures.js'
import { resetDatabase } from '#tests/helpers/database'
import { createMemberWithToken, createOrgWith, createUserWithToken } from '#tests/helpers/users'
import { assertNotFoundForForeignOrgs } from '#tests/helpers/tenancy'

/** A UTC date `days` ago, as org_activity_days stores it. */
function daysAgo(days: number) {
  return DateTime.utc().minus({ days }).toISODate()!
}

async function chatTablesExist() {
  const rows = await db
    .from('information_schema.tables')
    .where('table_schema', 'public')
    .whereIn('table_name', ['rooms', 'messages'])
  return rows.length === 2
}

/** One room with messages at the given ages (days), straight into the chat module's tables. */
async function seedRoom(organizationId: string, messageAges: number[]) {
  const roomId = randomUUID()
  const now = new Date()
  await db.table('rooms').insert({
    id: roomId,
    organization_id: organizationId,
    type: 'group',
    created_at: now,
    updated_at: now,
  })
  for (const [index, age] of messageAges.entries()) {
    await db.table('messages').insert({
      id: randomUUID(),
      organization_id: organizationId,
      room_id: roomId,
      seq: index + 1,
      version_seq: index + 1,
      body_hash: '0'.repeat(64),
      created_at: DateTime.utc().minus({ days: age }).toJSDate(),
    })
  }
}

test.group('GET /organizations/:orgId/analytics', (group) => {
  group.setup(() => attachGateway())
  group.each.setup(() => resetDatabase())
  group.each.setup(() => orgActivity.reset())
  group.each.teardown(() => closeSockets())

  test('requires a token', async ({ client }) => {
    const response = await client.get(`/organizations/${randomUUID()}/analytics`)
    response.assertStatus(401)
  })

  test('counts activity in this organization through every door: senders, readers, socket and REST', async ({
    client,
    assert,
  }) => {
    const { org, owner, alice, bob } = await chatOrg()
    const carol = await member(org)
    const dave = await member(org)
    await member(org)
    const room = await groupRoom(org, owner, [alice, bob, carol, dave])
    const { org: elsewhere, stranger } = await otherOrg()
    const strangerRoom = await groupRoom(elsewhere, stranger, [])

    const restSend = await as(client, alice, org, 'post', '/chat/messages').json({
      roomId: room.id,
      content: 'over REST',
    })
    restSend.assertStatus(201)
    const { socket } = await connectAs({ token: bob.token, organizationId: org.id })
    const ack = await request(socket, 'send_message', { roomId: room.id, content: 'over a socket' })
    assert.isTrue(ack.ok)
    const read = await as(client, carol, org, 'post', `/chat/rooms/${room.id}/read`).json({
      seq: 2,
    })
    read.assertStatus(200)
    await connectAs({ token: dave.token, organizationId: org.id })
    await as(client, stranger, elsewhere, 'post', '/chat/messages').json({
      roomId: strangerRoom.id,
      content: 'not counted in the first organization',
    })
    await db.table('org_activity_days').insert([
      { organization_id: org.id, user_id: carol.user.id, day: daysAgo(10), sent: true },
      { organization_id: org.id, user_id: dave.user.id, day: daysAgo(40), sent: true },
    ])
    await orgActivity.settled()

    const response = await client.get(`/organizations/${org.id}/analytics`).bearerToken(owner.token)
    response.assertStatus(200)
    const data = response.body().data
    assert.equal(data.members, 7)
    assert.deepEqual(data.activeUsers, { last7Days: 5, last30Days: 5 })
    assert.deepEqual(data.senders, { last7Days: 2, last30Days: 3 })
    assert.deepEqual(data.readers, { last7Days: 1, last30Days: 1 })
    assert.deepEqual(data.byDoor, {
      socket: { last7Days: 2, last30Days: 2 },
      rest: { last7Days: 3, last30Days: 3 },
    })
    assert.deepEqual(data.busiestRooms, [
      { roomId: room.id, name: 'general', type: 'group', messages: 2 },
    ])
  })

  test('busiest rooms are the five with the most messages over 30 days, most first', async ({
    client,
    assert,
  }) => {
    const { org, owner } = await chatOrg()
    const rooms = []
    for (let index = 0; index < 6; index++) {
      const room = await groupRoom(org, owner, [], `room-${index}`)
      for (let n = 0; n <= index; n++) await send(org, owner, room.id, `message ${n}`)
      rooms.push(room)
    }
    await db
      .from('messages')
      .where('room_id', rooms[5].id)
      .update({
        created_at: DateTime.utc().minus({ days: 31 }).toJSDate(),
      })

    const response = await client.get(`/organizations/${org.id}/analytics`).bearerToken(owner.token)
    response.assertStatus(200)
    assert.deepEqual(
      response
        .body()
        .data.busiestRooms.map((r: { name: string; messages: number }) => [r.name, r.messages]),
      [
        ['room-4', 5],
        ['room-3', 4],
        ['room-2', 3],
        ['room-1', 2],
        ['room-0', 1],
      ]
    )
  })

  test('reports rooms and 30 days of messages per day (zeros before the chat tables exist)', async ({
    client,
    assert,
  }) => {
    const owner = await createUserWithToken()
    const org = await createOrgWith(owner.user)
    const hasChat = await chatTablesExist()
    if (hasChat) {
      await seedRoom(org.id, [0, 1, 1, 40])
      await seedRoom(org.id, [])
      const other = await createUserWithToken()
      const foreign = await createOrgWith(other.user)
      await seedRoom(foreign.id, [0, 0])
    }

    const response = await client.get(`/organizations/${org.id}/analytics`).bearerToken(owner.token)
    response.assertStatus(200)
    const { rooms, messagesPerDay } = response.body().data
    assert.lengthOf(messagesPerDay, 30)
    const today = DateTime.utc().toISODate()
    const yesterday = DateTime.utc().minus({ days: 1 }).toISODate()
    assert.equal(messagesPerDay[29].date, today)
    assert.equal(messagesPerDay[0].date, DateTime.utc().minus({ days: 29 }).toISODate())
    const byDate = Object.fromEntries(
      messagesPerDay.map((d: { date: string; count: number }) => [d.date, d.count])
    )
    const total = messagesPerDay.reduce((sum: number, d: { count: number }) => sum + d.count, 0)
    if (hasChat) {
      assert.equal(rooms, 2)
      assert.equal(byDate[today], 1)
      assert.equal(byDate[yesterday], 2)
      assert.equal(total, 3)
    } else {
      assert.equal(rooms, 0)
      assert.equal(total, 0)
    }
  })

  test('is allowed to owners and admins only', async ({ client, assert }) => {
    const owner = await createUserWithToken()
    const org = await createOrgWith(owner.user)
    const expected: Record<Role, number> = { owner: 200, admin: 200, moderator: 403, member: 403 }
    for (const [role, status] of Object.entries(expected) as [Role, number][]) {
      const actor = await createMemberWithToken(org, role)
      const response = await client
        .get(`/organizations/${org.id}/analytics`)
        .bearerToken(actor.token)
      assert.equal(response.status(), status, role)
      if (status === 403) assert.equal(response.body().errors[0].code, 'E_FORBIDDEN')
    }
  })

  test('is 404 for another organization, a random uuid and a non-uuid', async ({
    client,
    assert,
  }) => {
    await assertNotFoundForForeignOrgs(client, assert, (c, id) =>
      c.get(`/organizations/${id}/analytics`)
    )
  })
})
