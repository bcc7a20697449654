import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { resetDatabase } from '#tests/helpers/database'
import { eventually } from '#tests/helpers/processes'
import { startServer, type ServerProcess } from '#tests/helpers/server_process'

/*
 * The boot path of the plugin audit: real servers (bin/server.ts, the web
 * environment) started with PARLEY_PLUGINS as an operator sets it. Each
 * boot records what changed since the previous one, exactly once, also when
 * two nodes boot together with the same change. The servers share the test
 * database, so tables are truncated (STYLE.md trap 4).
 */

/** The line every boot logs (debug) or the one it logs when it recorded something. */
const CHECKED = /no plugin changes to record|plugin changes recorded in the audit log/

async function pluginEntries() {
  const rows = await db
    .from('audit_events')
    .whereIn('action', ['plugin.enabled', 'plugin.disabled'])
    .orderBy('id')
    .select('action', 'target_id', 'target_type', 'actor_user_id', 'door')
  return rows
}

/** Boots a server with these plugins, waits until its ready hook has checked the audit log, stops it. */
async function boot(plugins: string[]) {
  return bootTogether([plugins])
}

async function bootTogether(lists: string[][]) {
  const servers: ServerProcess[] = []
  try {
    await Promise.all(
      lists.map(async (plugins) => {
        const server = await startServer({ PARLEY_PLUGINS: plugins.join(','), LOG_LEVEL: 'debug' })
        servers.push(server)
        await eventually(
          async () => CHECKED.test(server.output()),
          60_000,
          () => `the server never checked the plugin audit:\n${server.output()}`
        )
      })
    )
  } finally {
    await Promise.all(servers.map((server) => server.stop()))
  }
}

test.group('Audit of plugin changes at boot', (group) => {
  group.each.setup(() => resetDatabase())
  group.each.teardown(() => resetDatabase())

  test('each boot that changes PARLEY_PLUGINS records the change once', async ({ assert }) => {
    const entries = async () => {
      const rows = await pluginEntries()
      return rows.map((row) => `${row.action} ${row.target_id}`)
    }

    await boot(['e2e-keys'])
    assert.deepEqual(await entries(), ['plugin.enabled e2e-keys'])

    await boot(['e2e-keys', 'link-previews'])
    assert.deepEqual(await entries(), ['plugin.enabled e2e-keys', 'plugin.enabled link-previews'])

    // A restart with the same list: nothing new.
    await boot(['link-previews', 'e2e-keys'])
    assert.lengthOf(await entries(), 2)

    // Two nodes booting together with the same change record it once.
    await bootTogether([['link-previews'], ['link-previews']])
    assert.deepEqual(await entries(), [
      'plugin.enabled e2e-keys',
      'plugin.enabled link-previews',
      'plugin.disabled e2e-keys',
    ])
    const rows = await pluginEntries()
    for (const row of rows) {
      assert.equal(row.target_type, 'plugin')
      assert.isNull(row.actor_user_id)
      assert.equal(row.door, 'system')
    }
  }).timeout(180_000)
})
