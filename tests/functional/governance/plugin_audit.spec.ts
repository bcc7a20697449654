import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import RecordPluginChanges from '#actions/admin/record_plugin_changes'
import { resetDatabase } from '#tests/helpers/database'
import { eventually } from '#tests/helpers/processes'

/** Whether a session of this test database waits on a lock (the other node's advisory lock). */
async function someoneWaitsOnALock() {
  const { rows } = await db.rawQuery(
    `SELECT count(*)::int AS waiting FROM pg_stat_activity
     WHERE datname = current_database() AND wait_event_type = 'Lock'`
  )
  return rows[0].waiting > 0
}

async function pluginEntries() {
  const rows = await db
    .from('audit_events')
    .whereIn('action', ['plugin.enabled', 'plugin.disabled'])
    .orderBy('id')
    .select('action', 'target_id')
  return rows.map((row) => `${row.action} ${row.target_id}`)
}

/*
 * Plugin enable/disable reaches the audit log when a boot applies it
 * (chatctl only edits PARLEY_PLUGINS): each boot compares the enabled
 * plugins with those the log last saw enabled.
 */
test.group('Audit of plugin changes', (group) => {
  group.each.setup(() => resetDatabase())

  test('a boot records plugins enabled and disabled since the last one, once', async ({
    assert,
  }) => {
    assert.deepEqual(await RecordPluginChanges.handle(['e2e-keys', 'push-fcm']), [
      { action: 'plugin.enabled', id: 'e2e-keys' },
      { action: 'plugin.enabled', id: 'push-fcm' },
    ])
    // Another node, or a restart with the same list: nothing new.
    assert.deepEqual(await RecordPluginChanges.handle(['push-fcm', 'e2e-keys']), [])
    assert.deepEqual(await RecordPluginChanges.handle(['push-fcm', 'media-s3']), [
      { action: 'plugin.enabled', id: 'media-s3' },
      { action: 'plugin.disabled', id: 'e2e-keys' },
    ])
    // Nodes booting at once record each change once.
    await Promise.all([
      RecordPluginChanges.handle(['push-fcm', 'media-s3', 'e2e-keys']),
      RecordPluginChanges.handle(['push-fcm', 'media-s3', 'e2e-keys']),
    ])
    assert.deepEqual(
      await RecordPluginChanges.handle([]),
      [
        { action: 'plugin.disabled', id: 'e2e-keys' },
        { action: 'plugin.disabled', id: 'media-s3' },
        { action: 'plugin.disabled', id: 'push-fcm' },
      ].sort((a, b) => a.id.localeCompare(b.id))
    )

    const entries = await db
      .from('audit_events')
      .orderBy('id')
      .select('action', 'target_type', 'target_id', 'actor_user_id', 'door')
    assert.deepEqual(
      entries.map((e) => `${e.action} ${e.target_id}`),
      [
        'plugin.enabled e2e-keys',
        'plugin.enabled push-fcm',
        'plugin.enabled media-s3',
        'plugin.disabled e2e-keys',
        'plugin.enabled e2e-keys',
        ...entries.slice(5).map((e) => `${e.action} ${e.target_id}`),
      ]
    )
    assert.lengthOf(entries, 8)
    for (const entry of entries) {
      assert.equal(entry.target_type, 'plugin')
      assert.isNull(entry.actor_user_id)
      assert.equal(entry.door, 'system')
    }
  })

  test('a node booting while another records the same change waits for it and records nothing', async ({
    assert,
  }) => {
    await RecordPluginChanges.handle(['e2e-keys'])
    // The first node has recorded the change but not committed yet.
    const first = await db.transaction()
    let second: Promise<unknown> | undefined
    try {
      assert.deepEqual(await RecordPluginChanges.handle(['e2e-keys', 'push-fcm'], { trx: first }), [
        { action: 'plugin.enabled', id: 'push-fcm' },
      ])
      let settled = false
      second = RecordPluginChanges.handle(['e2e-keys', 'push-fcm']).finally(() => {
        settled = true
      })
      // Until the second node waits for the first (or, unserialized, is already done).
      await eventually(
        async () => settled || (await someoneWaitsOnALock()),
        30_000,
        () => 'the second node neither waited nor finished'
      )
      await first.commit()
    } finally {
      if (!first.isCompleted) await first.rollback()
    }
    assert.deepEqual(await second, [])
    assert.deepEqual(await pluginEntries(), ['plugin.enabled e2e-keys', 'plugin.enabled push-fcm'])
  })
})
