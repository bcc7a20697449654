import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import app from '@adonisjs/core/services/app'
import jobs from '#services/jobs'
import MessageCipher from '#services/message_cipher'
import { jobsConnection, RETENTION_QUEUE } from '#providers/jobs_provider'
import DeleteOrganization from '#actions/admin/delete_organization'
import RunRetention from '#actions/retention/run_retention'
import { RETENTION_BATCH } from '#domain/retention/retention_sweep'
import { resetDatabase } from '#tests/helpers/database'
import { expectStatus } from '#tests/helpers/requests'
import { assertNotFoundForForeignOrgs } from '#tests/helpers/tenancy'
import { as, chatOrg, groupRoom, otherOrg, send } from '#tests/functional/chat/chat_fixtures'
import { mediaRoot, pngBytes, trackFiles } from '#tests/functional/media/media_fixtures'

/** Backdates messages by `days`. */
function age(messageIds: string[], days: number) {
  return db
    .from('messages')
    .whereIn('id', messageIds)
    .update({ created_at: db.raw(`now() - make_interval(days => ${days})`) })
}

/** The ids of a room's messages, by seq. */
async function idsIn(roomId: string) {
  const rows = await db.from('messages').where('room_id', roomId).orderBy('seq').select('id')
  return rows.map((row) => row.id as string)
}

/** Copies one message `count` times into its room, backdated, with fresh seqs (bulk fixtures). */
async function cloneOld(messageId: string, count: number, days: number) {
  await db.rawQuery(
    `INSERT INTO messages (id, organization_id, room_id, sender_id, seq, version_seq, body_hash,
       body_ciphertext, body_key_id, created_at)
     SELECT gen_random_uuid(), m.organization_id, m.room_id, m.sender_id, 1000000 + g, 1000000 + g,
       m.body_hash, m.body_ciphertext, m.body_key_id, now() - make_interval(days => ?)
     FROM messages m, generate_series(1, ?) g WHERE m.id = ?`,
    [days, count, messageId]
  )
}

async function eventually<T>(check: () => Promise<T | undefined | false>, timeout = 15_000) {
  const until = Date.now() + timeout
  for (;;) {
    const value = await check()
    if (value) return value
    if (Date.now() > until) throw new Error('condition not met in time')
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
}

test.group('Retention', (group) => {
  group.each.setup(() => resetDatabase())

  test('owners set days; the run deletes only expired messages and their files, audited', async ({
    client,
    assert,
  }) => {
    const { org, owner, alice } = await chatOrg()
    trackFiles(org.id)
    const general = await groupRoom(org, owner, [alice], 'general')
    const legal = await groupRoom(org, owner, [alice], 'legal')
    const old = await send(org, alice, general.id, 'old news')
    const recent = await send(org, alice, general.id, 'fresh')
    const kept = await send(org, alice, legal.id, 'keep me longer')
    const upload = await expectStatus(
      as(client, alice, org, 'post', `/media/upload/${old.id}`).file('file', await pngBytes(), {
        filename: 'old.png',
      }),
      201
    )
    const asset = await db.from('media_assets').where('id', upload.body().data.id).first()
    const file = join(mediaRoot(), asset.key)
    assert.isTrue(existsSync(file))
    await age([old.id, kept.id], 40)

    await expectStatus(
      client.put(`/organizations/${org.id}/retention`).bearerToken(owner.token).json({ days: 30 }),
      200
    )
    const policy = await expectStatus(
      client
        .put(`/organizations/${org.id}/retention/rooms/${legal.id}`)
        .bearerToken(owner.token)
        .json({ days: 365 }),
      200
    )
    assert.deepEqual(policy.body().data, {
      organizationId: org.id,
      days: 30,
      rooms: [{ roomId: legal.id, days: 365 }],
    })

    const preview = await expectStatus(
      client.get(`/organizations/${org.id}/retention/preview`).bearerToken(owner.token),
      200
    )
    assert.deepEqual(preview.body().data, {
      organizationId: org.id,
      messages: 1,
      files: 1,
      rooms: 1,
    })
    assert.deepEqual(await idsIn(general.id), [old.id, recent.id], 'a preview deletes nothing')

    const [count] = await RunRetention.handle()
    assert.deepEqual(count, { organizationId: org.id, messages: 1, files: 1, rooms: 1 })
    assert.deepEqual(await idsIn(general.id), [recent.id])
    assert.deepEqual(await idsIn(legal.id), [kept.id])
    assert.notExists(await db.from('media_assets').where('id', asset.id).first())
    assert.isFalse(existsSync(file), 'the stored file is gone')

    const audit = await db
      .from('audit_events')
      .where('organization_id', org.id)
      .whereLike('action', 'retention.%')
      .orderBy('id')
    assert.deepEqual(
      audit.map((row) => row.action),
      ['retention.policy_changed', 'retention.policy_changed', 'retention.run']
    )
    assert.deepEqual(audit[2].details, { messages: 1, files: 1, rooms: 1 })
    assert.equal(audit[2].door, 'job')
  })

  test('deletes a backlog larger than one batch, batch after batch', async ({ assert }) => {
    const { org, owner, alice } = await chatOrg()
    const room = await groupRoom(org, owner, [alice])
    const template = await send(org, alice, room.id, 'old')
    const recent = await send(org, alice, room.id, 'new')
    await cloneOld(template.id, RETENTION_BATCH * 2 + 5, 10)
    await db.from('organizations').where('id', org.id).update({ retention_days: 7 })
    const [dry] = await RunRetention.handle({ dryRun: true })
    assert.equal(dry.messages, RETENTION_BATCH * 2 + 5)
    const [count] = await RunRetention.handle({ organizationId: org.id })
    assert.equal(count.messages, RETENTION_BATCH * 2 + 5)
    assert.deepEqual(await idsIn(room.id), [template.id, recent.id])
  })

  test('leaves other organizations alone', async ({ assert }) => {
    const { org, owner, alice } = await chatOrg()
    const room = await groupRoom(org, owner, [alice])
    const mine = await send(org, alice, room.id, 'old')
    const { org: other, stranger } = await otherOrg()
    const theirs = await groupRoom(other, stranger, [])
    const foreign = await send(other, stranger, theirs.id, 'old too')
    await age([mine.id, foreign.id], 100)
    await db.from('organizations').where('id', org.id).update({ retention_days: 30 })
    await RunRetention.handle()
    assert.deepEqual(await idsIn(room.id), [])
    assert.deepEqual(await idsIn(theirs.id), [foreign.id])
  })

  test('the daily job is scheduled and runs the sweep', async ({ assert, cleanup }) => {
    await jobs.start(await jobsConnection(app))
    cleanup(() => jobs.stop())
    const schedules = await jobs.boss!.getSchedules(RETENTION_QUEUE)
    assert.equal(schedules[0]?.cron, '47 3 * * *')
    const { org, owner, alice } = await chatOrg()
    const room = await groupRoom(org, owner, [alice])
    const old = await send(org, alice, room.id, 'old')
    await age([old.id], 3)
    await db.from('organizations').where('id', org.id).update({ retention_days: 1 })
    await jobs.boss!.send(RETENTION_QUEUE)
    await eventually(async () => {
      const left = await idsIn(room.id)
      return left.length === 0
    })
  })

  test('moderators are refused, bad days are 422, and other organizations are 404', async ({
    client,
    assert,
  }) => {
    const { org, owner, moderator } = await chatOrg()
    await expectStatus(
      client.get(`/organizations/${org.id}/retention`).bearerToken(moderator.token),
      403
    )
    await expectStatus(
      client
        .put(`/organizations/${org.id}/retention`)
        .bearerToken(moderator.token)
        .json({ days: 5 }),
      403
    )
    for (const days of [0, 36_501, '30', 2.5]) {
      const bad = await expectStatus(
        client.put(`/organizations/${org.id}/retention`).bearerToken(owner.token).json({ days }),
        422
      )
      bad.assertBodyContains({ errors: [{ code: 'E_VALIDATION_ERROR', field: 'days' }] })
    }
    const { org: other, stranger } = await otherOrg()
    const theirRoom = await groupRoom(other, stranger, [])
    await expectStatus(
      client
        .put(`/organizations/${org.id}/retention/rooms/${theirRoom.id}`)
        .bearerToken(owner.token)
        .json({ days: 5 }),
      404
    )
    await expectStatus(
      client
        .put(`/organizations/${org.id}/retention/rooms/not-a-uuid`)
        .bearerToken(owner.token)
        .json({ days: 5 }),
      404
    )
    await assertNotFoundForForeignOrgs(client, assert, (c, id) =>
      c.get(`/organizations/${id}/retention`)
    )
    await assertNotFoundForForeignOrgs(client, assert, (c, id) =>
      c.get(`/organizations/${id}/retention/preview`)
    )
    await assertNotFoundForForeignOrgs(client, assert, (c, id) =>
      c.put(`/organizations/${id}/retention`).json({ days: 5 })
    )
  })
})

test.group('Crypto-shredding', (group) => {
  group.each.setup(() => resetDatabase())

  test('deleting an organization destroys its room keys: kept ciphertext cannot be opened', async ({
    assert,
  }) => {
    const { org, owner, alice } = await chatOrg()
    const room = await groupRoom(org, owner, [alice])
    const message = await send(org, alice, room.id, 'the secret plan')
    const stored = await db.from('messages').where('id', message.id).first()
    const copy = {
      keyId: stored.body_key_id as string,
      ciphertext: stored.body_ciphertext as string,
    }
    assert.equal(await MessageCipher.decrypt(copy.keyId, copy.ciphertext), 'the secret plan')
    assert.notInclude(copy.ciphertext, 'secret')

    await DeleteOrganization.handle(org, owner.user.id)

    const keys = await db.from('room_keys').where('organization_id', org.id).count('* as n')
    assert.equal(keys[0].n, '0')
    assert.notExists(await db.from('room_keys').where('id', copy.keyId).first())
    await assert.rejects(() => MessageCipher.decrypt(copy.keyId, copy.ciphertext))
    const left = await db.from('audit_events').where('action', 'org.deleted').first()
    assert.equal(left.target_id, org.id)
  })
})
