import { randomUUID } from 'node:crypto'
import { DateTime } from 'luxon'
import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import type { Role } from '#models/membership'
import type User from '#models/user'
import { resetDatabase } from '#tests/helpers/database'
import { createMemberWithToken, createOrgWith, createUserWithToken } from '#tests/helpers/users'
import { assertNotFoundForForeignOrgs } from '#tests/helpers/tenancy'

async function seenDaysAgo(user: User, days: number) {
  user.lastSeenAt = DateTime.now().minus({ days })
  await user.save()
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
  group.each.setup(() => resetDatabase())

  test('requires a token', async ({ client }) => {
    const response = await client.get(`/organizations/${randomUUID()}/analytics`)
    response.assertStatus(401)
  })

  test('counts members and users active over 7 and 30 days', async ({ client, assert }) => {
    const owner = await createUserWithToken()
    const org = await createOrgWith(owner.user)
    await seenDaysAgo(owner.user, 0)
    const recent = await createMemberWithToken(org, 'member')
    await seenDaysAgo(recent.user, 10)
    const old = await createMemberWithToken(org, 'member')
    await seenDaysAgo(old.user, 45)
    await createMemberWithToken(org, 'moderator')
    const outsider = await createUserWithToken()
    await seenDaysAgo(outsider.user, 0)

    const response = await client.get(`/organizations/${org.id}/analytics`).bearerToken(owner.token)
    response.assertStatus(200)
    const data = response.body().data
    assert.equal(data.members, 4)
    assert.deepEqual(data.activeUsers, { last7Days: 1, last30Days: 2 })
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
      const otherOrg = await createOrgWith(other.user)
      await seedRoom(otherOrg.id, [0, 0])
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
