import { randomUUID } from 'node:crypto'
import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import Membership from '#models/membership'
import { resetDatabase } from '#tests/helpers/database'
import { expectStatus } from '#tests/helpers/requests'
import { createUserWithToken } from '#tests/helpers/users'
import { assertNotFoundForForeignOrgs } from '#tests/helpers/tenancy'
import { as, chatOrg, groupRoom, otherOrg, send } from '#tests/functional/chat/chat_fixtures'

function actionsOf(orgId: string) {
  return db
    .from('audit_events')
    .where('organization_id', orgId)
    .whereLike('action', 'moderation.%')
    .orderBy('id')
    .then((rows) => rows.map((row) => row.action))
}

test.group('Moderation: mute', (group) => {
  group.each.setup(() => resetDatabase())

  test('requires a token', async ({ client }) => {
    const response = await client
      .post(`/organizations/${randomUUID()}/members/${randomUUID()}/mute`)
      .json({ minutes: 5 })
    response.assertStatus(401)
  })

  test('a muted member’s sends are refused with E_MEMBER_MUTED until unmuted', async ({
    client,
    assert,
  }) => {
    const { org, moderator, alice } = await chatOrg()
    const room = await groupRoom(org, moderator, [alice])
    const muted = await expectStatus(
      client
        .post(`/organizations/${org.id}/members/${alice.user.id}/mute`)
        .bearerToken(moderator.token)
        .json({ minutes: 30, reason: 'flooding' }),
      200
    )
    const until = new Date(muted.body().data.mutedUntil).getTime()
    assert.approximately(until, Date.now() + 30 * 60_000, 60_000)

    const refused = await expectStatus(
      as(client, alice, org, 'post', '/chat/messages').json({ roomId: room.id, content: 'hi' }),
      403
    )
    assert.equal(refused.body().errors[0].code, 'E_MEMBER_MUTED')
    assert.include(refused.body().errors[0].message, 'muted')
    const stored = await db.from('messages').where('room_id', room.id).count('* as n')
    assert.equal(stored[0].n, '0', 'nothing stored')

    await expectStatus(
      client
        .delete(`/organizations/${org.id}/members/${alice.user.id}/mute`)
        .bearerToken(moderator.token),
      200
    )
    await expectStatus(
      as(client, alice, org, 'post', '/chat/messages').json({ roomId: room.id, content: 'hi' }),
      201
    )
    assert.deepEqual(await actionsOf(org.id), [
      'moderation.member_muted',
      'moderation.member_unmuted',
    ])
  })

  test('an expired mute no longer refuses', async ({ client }) => {
    const { org, moderator, alice } = await chatOrg()
    const room = await groupRoom(org, moderator, [alice])
    await Membership.query()
      .where('organization_id', org.id)
      .where('user_id', alice.user.id)
      .update({ muted_until: new Date(Date.now() - 1000) })
    await expectStatus(
      as(client, alice, org, 'post', '/chat/messages').json({ roomId: room.id, content: 'hi' }),
      201
    )
  })

  test('only members ranked below the caller can be muted', async ({ client }) => {
    const { org, owner, moderator, alice, bob } = await chatOrg()
    await expectStatus(
      client
        .post(`/organizations/${org.id}/members/${owner.user.id}/mute`)
        .bearerToken(moderator.token)
        .json({ minutes: 5 }),
      403
    )
    await expectStatus(
      client
        .post(`/organizations/${org.id}/members/${bob.user.id}/mute`)
        .bearerToken(alice.token)
        .json({ minutes: 5 }),
      403
    )
    await expectStatus(
      client
        .post(`/organizations/${org.id}/members/${moderator.user.id}/mute`)
        .bearerToken(owner.token)
        .json({ minutes: 5 }),
      200
    )
  })

  test('rejects a duration out of range with 422', async ({ client }) => {
    const { org, owner, alice } = await chatOrg()
    for (const minutes of [0, 525_601, '5', 1.5]) {
      const response = await expectStatus(
        client
          .post(`/organizations/${org.id}/members/${alice.user.id}/mute`)
          .bearerToken(owner.token)
          .json({ minutes }),
        422
      )
      response.assertBodyContains({ errors: [{ code: 'E_VALIDATION_ERROR', field: 'minutes' }] })
    }
  })

  test('is 404 for another organization, and for a member of another organization', async ({
    client,
    assert,
  }) => {
    const { org, owner } = await chatOrg()
    const { stranger } = await otherOrg()
    await expectStatus(
      client
        .post(`/organizations/${org.id}/members/${stranger.user.id}/mute`)
        .bearerToken(owner.token)
        .json({ minutes: 5 }),
      404
    )
    await assertNotFoundForForeignOrgs(client, assert, (c, id) =>
      c.post(`/organizations/${id}/members/${owner.user.id}/mute`).json({ minutes: 5 })
    )
  })
})

test.group('Moderation: the list of current mutes', (group) => {
  group.each.setup(() => resetDatabase())

  test('requires a token', async ({ client }) => {
    const response = await client.get(`/organizations/${randomUUID()}/mutes`)
    response.assertStatus(401)
  })

  test('moderators see who is muted now and until when; expired and lifted mutes are gone', async ({
    client,
    assert,
  }) => {
    const { org, owner, moderator, alice, bob } = await chatOrg()
    const mute = (who: { user: { id: string } }, minutes: number) =>
      expectStatus(
        client
          .post(`/organizations/${org.id}/members/${who.user.id}/mute`)
          .bearerToken(moderator.token)
          .json({ minutes }),
        200
      )
    await mute(alice, 120)
    await mute(bob, 30)
    const listed = await expectStatus(
      client.get(`/organizations/${org.id}/mutes`).bearerToken(moderator.token),
      200
    )
    const rows = listed.body().data
    assert.deepEqual(
      rows.map((row: { userId: string }) => row.userId),
      [bob.user.id, alice.user.id],
      'the mute ending first is first'
    )
    assert.equal(rows[0].user.id, bob.user.id)
    assert.approximately(new Date(rows[0].mutedUntil).getTime(), Date.now() + 30 * 60_000, 60_000)

    await Membership.query()
      .where('organization_id', org.id)
      .where('user_id', bob.user.id)
      .update({ muted_until: new Date(Date.now() - 1000) })
    await expectStatus(
      client
        .delete(`/organizations/${org.id}/members/${alice.user.id}/mute`)
        .bearerToken(owner.token),
      200
    )
    const after = await expectStatus(
      client.get(`/organizations/${org.id}/mutes`).bearerToken(owner.token),
      200
    )
    assert.deepEqual(after.body().data, [])
  })

  test('members cannot list mutes (403), another organization is 404', async ({
    client,
    assert,
  }) => {
    const { org, alice } = await chatOrg()
    await expectStatus(client.get(`/organizations/${org.id}/mutes`).bearerToken(alice.token), 403)
    await assertNotFoundForForeignOrgs(client, assert, (c, id) =>
      c.get(`/organizations/${id}/mutes`)
    )
  })
})

test.group('Moderation: ban', (group) => {
  group.each.setup(() => resetDatabase())

  test('a ban removes the member and refuses invites until lifted', async ({ client, assert }) => {
    const { org, owner, alice } = await chatOrg()
    const pending = await expectStatus(
      client
        .post(`/organizations/${org.id}/invite`)
        .bearerToken(owner.token)
        .json({ email: 'later@example.com' }),
      201
    )
    const banned = await expectStatus(
      client
        .post(`/organizations/${org.id}/bans`)
        .bearerToken(owner.token)
        .json({ userId: alice.user.id, reason: 'harassment' }),
      201
    )
    assert.equal(banned.body().data.userId, alice.user.id)
    assert.notProperty(banned.body().data.user, 'email')
    const member = await Membership.query()
      .where('organization_id', org.id)
      .where('user_id', alice.user.id)
      .first()
    assert.isNull(member)
    await expectStatus(client.get(`/organizations/${org.id}/members`).bearerToken(alice.token), 404)

    const again = await expectStatus(
      client
        .post(`/organizations/${org.id}/invite`)
        .bearerToken(owner.token)
        .json({ email: alice.user.email.toUpperCase() }),
      409
    )
    assert.equal(again.body().errors[0].code, 'E_USER_BANNED')
    const other = await db.from('invites').where('id', pending.body().data.id).first()
    assert.isNull(other.revoked_at, 'other invites stay')

    const list = await expectStatus(
      client.get(`/organizations/${org.id}/bans`).bearerToken(owner.token),
      200
    )
    assert.deepEqual(
      list.body().data.map((b: { userId: string }) => b.userId),
      [alice.user.id]
    )

    await expectStatus(
      client.delete(`/organizations/${org.id}/bans/${alice.user.id}`).bearerToken(owner.token),
      204
    )
    await expectStatus(
      client
        .post(`/organizations/${org.id}/invite`)
        .bearerToken(owner.token)
        .json({ email: alice.user.email }),
      201
    )
    assert.deepEqual(await actionsOf(org.id), [
      'moderation.member_banned',
      'moderation.member_unbanned',
    ])
  })

  test('an invite issued before the ban cannot be accepted', async ({ client, assert }) => {
    const { org, owner } = await chatOrg()
    const carol = await createUserWithToken()
    const invite = await expectStatus(
      client
        .post(`/organizations/${org.id}/invite`)
        .bearerToken(owner.token)
        .json({ email: carol.user.email }),
      201
    )
    await db.table('organization_bans').insert({
      id: randomUUID(),
      organization_id: org.id,
      user_id: carol.user.id,
      email: carol.user.email.toLowerCase(),
      created_at: new Date(),
    })
    const token = new URL(invite.body().data.link).pathname.split('/').pop()
    const accepted = await expectStatus(
      client.post(`/organizations/accept-invite/${token}`).bearerToken(carol.token),
      409
    )
    assert.equal(accepted.body().errors[0].code, 'E_USER_BANNED')
  })

  test('moderators cannot ban, and admins cannot ban owners', async ({ client }) => {
    const { org, owner, moderator, alice } = await chatOrg()
    await expectStatus(
      client
        .post(`/organizations/${org.id}/bans`)
        .bearerToken(moderator.token)
        .json({ userId: alice.user.id }),
      403
    )
    await expectStatus(
      client.get(`/organizations/${org.id}/bans`).bearerToken(moderator.token),
      403
    )
    await client
      .put(`/organizations/${org.id}/members/${alice.user.id}/role`)
      .bearerToken(owner.token)
      .json({ role: 'admin' })
    await expectStatus(
      client
        .post(`/organizations/${org.id}/bans`)
        .bearerToken(alice.token)
        .json({ userId: owner.user.id }),
      403
    )
  })

  test('rejects a malformed user id with 422, and is 404 for other organizations', async ({
    client,
    assert,
  }) => {
    const { org, owner } = await chatOrg()
    const response = await expectStatus(
      client.post(`/organizations/${org.id}/bans`).bearerToken(owner.token).json({ userId: 7 }),
      422
    )
    response.assertBodyContains({ errors: [{ code: 'E_VALIDATION_ERROR', field: 'userId' }] })
    const { stranger } = await otherOrg()
    await expectStatus(
      client
        .post(`/organizations/${org.id}/bans`)
        .bearerToken(owner.token)
        .json({ userId: stranger.user.id }),
      404
    )
    await expectStatus(
      client.delete(`/organizations/${org.id}/bans/${stranger.user.id}`).bearerToken(owner.token),
      404
    )
    await assertNotFoundForForeignOrgs(client, assert, (c, id) =>
      c.post(`/organizations/${id}/bans`).json({ userId: owner.user.id })
    )
    await assertNotFoundForForeignOrgs(client, assert, (c, id) =>
      c.get(`/organizations/${id}/bans`)
    )
  })
})

test.group('Moderation: reports', (group) => {
  group.each.setup(() => resetDatabase())

  test('members report, moderators see the queue with the message and resolve', async ({
    client,
    assert,
  }) => {
    const { org, owner, moderator, alice, bob } = await chatOrg()
    const room = await groupRoom(org, owner, [alice, bob])
    const message = await send(org, bob, room.id, 'buy now at example.com')

    const reported = await expectStatus(
      as(client, alice, org, 'post', `/chat/messages/${message.id}/report`).json({
        reason: 'spam',
      }),
      201
    )
    const again = await expectStatus(
      as(client, alice, org, 'post', `/chat/messages/${message.id}/report`).json({
        reason: 'spam',
      }),
      409
    )
    assert.equal(again.body().errors[0].code, 'E_ALREADY_REPORTED')

    await expectStatus(client.get(`/organizations/${org.id}/reports`).bearerToken(alice.token), 403)
    const queue = await expectStatus(
      client.get(`/organizations/${org.id}/reports`).bearerToken(moderator.token),
      200
    )
    const [entry] = queue.body().data
    assert.equal(entry.id, reported.body().data.id)
    assert.equal(entry.reason, 'spam')
    assert.equal(entry.message.content, 'buy now at example.com')
    assert.equal(entry.message.senderId, bob.user.id)

    await expectStatus(
      client
        .post(`/organizations/${org.id}/reports/${entry.id}/resolve`)
        .bearerToken(moderator.token)
        .json({ resolution: 'actioned' }),
      200
    )
    const closed = await expectStatus(
      client
        .post(`/organizations/${org.id}/reports/${entry.id}/resolve`)
        .bearerToken(moderator.token)
        .json({ resolution: 'dismissed' }),
      409
    )
    assert.equal(closed.body().errors[0].code, 'E_REPORT_RESOLVED')
    const open = await client.get(`/organizations/${org.id}/reports`).bearerToken(owner.token)
    assert.lengthOf(open.body().data, 0)
    const resolved = await client
      .get(`/organizations/${org.id}/reports`)
      .qs({ status: 'resolved' })
      .bearerToken(owner.token)
    assert.equal(resolved.body().data[0].resolution, 'actioned')
    assert.deepEqual(await actionsOf(org.id), [
      'moderation.message_reported',
      'moderation.report_resolved',
    ])
  })

  test('a message of a room the reporter is not in, or of another organization, is 404', async ({
    client,
    assert,
  }) => {
    const { org, owner, alice, bob } = await chatOrg()
    const privateRoom = await groupRoom(org, owner, [bob])
    const message = await send(org, bob, privateRoom.id, 'private')
    await expectStatus(
      as(client, alice, org, 'post', `/chat/messages/${message.id}/report`).json({ reason: 'x' }),
      404
    )
    const { org: other, stranger } = await otherOrg()
    await expectStatus(
      as(client, stranger, other, 'post', `/chat/messages/${message.id}/report`).json({
        reason: 'x',
      }),
      404
    )
    const empty = await expectStatus(
      as(client, alice, org, 'post', `/chat/messages/${message.id}/report`).json({ reason: '' }),
      422
    )
    empty.assertBodyContains({ errors: [{ code: 'E_VALIDATION_ERROR', field: 'reason' }] })
    await expectStatus(
      client
        .post(`/organizations/${org.id}/reports/${randomUUID()}/resolve`)
        .bearerToken(owner.token)
        .json({ resolution: 'dismissed' }),
      404
    )
    await assertNotFoundForForeignOrgs(client, assert, (c, id) =>
      c.get(`/organizations/${id}/reports`)
    )
  })
})

test.group('Moderation: slow mode', (group) => {
  group.each.setup(() => resetDatabase())

  test('members send once per interval; moderators are exempt', async ({ client, assert }) => {
    const { org, owner, moderator, alice } = await chatOrg()
    const room = await groupRoom(org, owner, [alice, moderator])
    await expectStatus(
      as(client, alice, org, 'put', `/chat/rooms/${room.id}/slow-mode`).json({ seconds: 60 }),
      403
    )
    const set = await expectStatus(
      as(client, owner, org, 'put', `/chat/rooms/${room.id}/slow-mode`).json({ seconds: 60 }),
      200
    )
    assert.deepEqual(set.body().data, { roomId: room.id, slowModeSeconds: 60 })
    const seen = await expectStatus(as(client, alice, org, 'get', `/chat/rooms/${room.id}`), 200)
    assert.equal(seen.body().data.slowModeSeconds, 60, 'members see the interval on the room')

    await expectStatus(
      as(client, alice, org, 'post', '/chat/messages').json({ roomId: room.id, content: 'one' }),
      201
    )
    const second = await expectStatus(
      as(client, alice, org, 'post', '/chat/messages').json({ roomId: room.id, content: 'two' }),
      429
    )
    assert.equal(second.body().errors[0].code, 'E_SLOW_MODE')
    const retry = Number(second.header('retry-after'))
    assert.isAbove(retry, 0)
    assert.isAtMost(retry, 60)
    for (const content of ['a', 'b']) {
      await expectStatus(
        as(client, moderator, org, 'post', '/chat/messages').json({ roomId: room.id, content }),
        201
      )
    }
    await expectStatus(
      as(client, owner, org, 'put', `/chat/rooms/${room.id}/slow-mode`).json({ seconds: 0 }),
      200
    )
    await expectStatus(
      as(client, alice, org, 'post', '/chat/messages').json({ roomId: room.id, content: 'two' }),
      201
    )
    const list = await expectStatus(as(client, alice, org, 'get', '/chat/rooms'), 200)
    const listed = list.body().data.find((entry: { id: string }) => entry.id === room.id)
    assert.equal(listed.slowModeSeconds, 0)
    assert.deepEqual(await actionsOf(org.id), [
      'moderation.slow_mode_changed',
      'moderation.slow_mode_changed',
    ])
  })

  test('rejects bad intervals with 422 and foreign rooms with 404', async ({ client }) => {
    const { org, owner } = await chatOrg()
    const room = await groupRoom(org, owner, [])
    const bad = await expectStatus(
      as(client, owner, org, 'put', `/chat/rooms/${room.id}/slow-mode`).json({ seconds: 3601 }),
      422
    )
    bad.assertBodyContains({ errors: [{ code: 'E_VALIDATION_ERROR', field: 'seconds' }] })
    const { org: other, stranger } = await otherOrg()
    await expectStatus(
      as(client, stranger, other, 'put', `/chat/rooms/${room.id}/slow-mode`).json({ seconds: 5 }),
      404
    )
  })
})
