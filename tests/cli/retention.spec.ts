import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { resetDatabase } from '#tests/helpers/database'
import { chatOrg, groupRoom, otherOrg, send } from '../functional/chat/chat_fixtures.js'
import { assertFailure, assertSuccess, chatctlJson, modeFor } from './cli_fixtures.js'

for (const modeName of ['local', 'remote'] as const) {
  test.group(`chatctl ${modeName}: retention`, (group) => {
    group.each.setup(() => resetDatabase())

    test('set, then run --dry-run shows what would go and a run deletes it', async ({ assert }) => {
      const mode = await modeFor(modeName, assert)
      const { org, owner, alice } = await chatOrg()
      const room = await groupRoom(org, owner, [alice])
      const old = await send(org, alice, room.id, 'old')
      const recent = await send(org, alice, room.id, 'recent')
      await db
        .from('messages')
        .where('id', old.id)
        .update({ created_at: db.raw(`now() - interval '20 days'`) })

      const policy = assertSuccess(
        assert,
        await chatctlJson(mode, ['retention', 'set', '--org', org.slug, '--days', '10']),
        'retention:set'
      )
      assert.deepEqual(policy, { organizationId: org.id, days: 10, rooms: [] })

      const dry = assertSuccess(
        assert,
        await chatctlJson(mode, ['retention', 'run', '--dry-run']),
        'retention:run'
      )
      assert.isTrue(dry.dryRun)
      assert.deepEqual(dry.organizations, [
        { organizationId: org.id, messages: 1, files: 0, rooms: 1 },
      ])
      const untouched = await db.from('messages').where('room_id', room.id)
      assert.lengthOf(untouched, 2)

      const run = assertSuccess(
        assert,
        await chatctlJson(mode, ['retention', 'run', '--org', org.slug]),
        'retention:run'
      )
      assert.equal(run.organizations[0].messages, 1)
      const left = await db.from('messages').where('room_id', room.id).select('id')
      assert.deepEqual(
        left.map((row) => row.id),
        [recent.id]
      )
      const entry = await db.from('audit_events').where('action', 'retention.run').first()
      assert.equal(entry.door, modeName === 'local' ? 'chatctl' : 'admin-api')

      const { org: other } = await otherOrg()
      const foreign = await chatctlJson(mode, [
        'retention',
        'set',
        '--org',
        other.slug,
        '--room',
        room.id,
        '--days',
        '5',
      ])
      assertFailure(assert, foreign, 'E_NOT_FOUND', 1)
    })
  })
}
