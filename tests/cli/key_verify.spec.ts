import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import env from '#start/env'
import KeyRotation from '#services/key_rotation'
import { generateKeyringEntry, reloadKeyring } from '#services/keyring'
import { resetDatabase } from '#tests/helpers/database'
import type { ServerProcess } from '#tests/helpers/server_process'
import { chatOrg, groupRoom, send } from '#tests/functional/chat/chat_fixtures'
import { E2eUser, startE2eServer } from '../../plugins/e2e-keys/tests/e2e_fixtures.js'
import { chatctl } from '#tests/helpers/chatctl'
import { assertSuccess, chatctlJson, modeFor } from './cli_fixtures.js'
import type { Mode } from '#tests/helpers/chatctl'

/*
 * `chatctl key verify`: at-rest coverage (every room key opens with the
 * keyring) and the e2e key log chains, in both modes. The keyring checked
 * is the one of the process doing the work: the chatctl child in local
 * mode (its ENCRYPTION_KEYS), the in-process test server in remote mode.
 */

const V1 = env.get('ENCRYPTION_KEYS').release()

/** Runs `key verify --json` with `keys` as the working keyring in either mode. */
function verify(mode: Mode, keys: string) {
  reloadKeyring(keys)
  return chatctlJson(mode, ['key', 'verify'], { ENCRYPTION_KEYS: keys })
}

/** Runs SQL with the append-only triggers off, as someone with database access could. */
async function tamper(sql: string, bindings: unknown[]) {
  await db.transaction(async (trx) => {
    await trx.rawQuery('SET LOCAL session_replication_role = replica')
    await trx.rawQuery(sql, bindings as any)
  })
}

for (const modeName of ['local', 'remote'] as const) {
  test.group(`chatctl ${modeName}: key verify (at rest)`, (group) => {
    group.each.timeout(300_000)
    group.each.setup(async () => {
      await resetDatabase()
      reloadKeyring(V1)
      return () => {
        reloadKeyring(V1)
      }
    })

    test('finds nothing on a sound keyring, then reports room keys it does not cover or cannot open', async ({
      assert,
    }) => {
      const mode = await modeFor(modeName, assert)
      const { org, owner } = await chatOrg()
      const general = await groupRoom(org, owner, [], 'general')
      const random = await groupRoom(org, owner, [], 'random')
      await send(org, owner, general.id, 'hello')

      const clean = assertSuccess(assert, await verify(mode, V1), 'key:verify')
      assert.deepInclude(clean, { ok: true, problems: [], versionsInUse: [1] })
      assert.deepEqual(clean.roomKeys, { checked: 2, uncovered: 0, unreadable: 0 })
      assert.deepEqual(clean.keyLogs, { checked: false, users: 0, entries: 0 })
      const health = assertSuccess(assert, await chatctlJson(mode, ['health']), 'health')
      assert.deepInclude(health.keyring, { currentVersion: 1, versions: [1], degraded: false })
      assert.equal(health.keyring.fingerprint, clean.keyring.fingerprint)

      // Rotated to v2, then checked with a keyring that lost v2.
      const keys = `${V1},${generateKeyringEntry(2)}`
      reloadKeyring(keys)
      await KeyRotation.rewrap()
      const lost = await verify(mode, V1)
      const uncovered = assertSuccess(assert, lost, 'key:verify', 7)
      assert.isFalse(uncovered.ok)
      assert.deepEqual(uncovered.roomKeys, { checked: 2, uncovered: 2, unreadable: 0 })
      assert.sameMembers(
        uncovered.problems.map((p: { subject: string }) => p.subject),
        [`room ${general.id}`, `room ${random.id}`]
      )
      for (const problem of uncovered.problems) {
        assert.equal(problem.code, 'E_ROOM_KEY_UNCOVERED')
        assert.include(problem.message, 'master key v2, which ENCRYPTION_KEYS does not hold')
      }
      assert.deepEqual(assertSuccess(assert, await verify(mode, keys), 'key:verify').problems, [])

      // A wrapped key moved to another room no longer opens (bound to its room).
      await db.rawQuery(
        `UPDATE room_keys SET wrapped_key = (SELECT wrapped_key FROM room_keys WHERE room_id = ?)
         WHERE room_id = ?`,
        [general.id, random.id]
      )
      const swapped = assertSuccess(assert, await verify(mode, keys), 'key:verify', 7)
      assert.deepEqual(swapped.roomKeys, { checked: 2, uncovered: 0, unreadable: 1 })
      assert.deepEqual(swapped.problems, [
        {
          code: 'E_ROOM_KEY_UNREADABLE',
          subject: `room ${random.id}`,
          message: swapped.problems[0].message,
        },
      ])
      assert.include(swapped.problems[0].message, 'does not open with master key v2')
    })
  })
}

test.group('chatctl: key verify (e2e key logs)', (group) => {
  group.each.timeout(300_000)
  let server: ServerProcess
  const users: E2eUser[] = []

  // Local mode reaches the running server through its admin socket: this
  // server (the one with e2e-keys enabled) gets a socket of its own.
  const adminSocket = join(mkdtempSync(join(tmpdir(), 'parley-e2e-admin-')), 'admin.sock')

  group.setup(async () => {
    server = await startE2eServer({ ADMIN_SOCKET_PATH: adminSocket })
    return () => server.stop()
  })
  group.each.setup(async () => {
    await resetDatabase()
    reloadKeyring(V1)
    return () => users.splice(0).forEach((user) => user.close())
  })

  test('checks every user’s hash chain in both modes and reports a forged or truncated log', async ({
    assert,
  }) => {
    const remote = await modeFor('remote', assert)
    const { org, owner, alice, bob } = await chatOrg()
    const [o, a, b] = [owner, alice, bob].map((who) => new E2eUser(server, who, org))
    users.push(o, a, b)
    await a.register()
    await a.register()
    await b.register()
    await o.register()

    const remoteArgs = [
      '--url',
      server.url,
      '--token',
      remote.name === 'remote' ? remote.token : '',
    ]
    const runs = () =>
      Promise.all([
        chatctl(['key', 'verify', '--json'], {
          PARLEY_PLUGINS: 'e2e-keys',
          ADMIN_SOCKET_PATH: adminSocket,
        }),
        chatctl(['key', 'verify', '--json', ...remoteArgs]),
      ])
    for (const run of await runs()) {
      const result = assertSuccess(assert, run, 'key:verify')
      assert.deepEqual(result.keyLogs, { checked: true, users: 3, entries: 4 })
      assert.isTrue(result.ok)
      assert.deepEqual(result.problems, [])
    }

    await tamper(
      `UPDATE e2e_key_log SET encryption_fingerprint = ? WHERE user_id = ? AND seq = 2`,
      ['f'.repeat(64), alice.user.id]
    )
    // Bob's only entry deleted: an empty log verifies, but his device is served unlogged.
    await tamper(`DELETE FROM e2e_key_log WHERE user_id = ? AND seq = 1`, [bob.user.id])
    for (const run of await runs()) {
      const result = assertSuccess(assert, run, 'key:verify', 7)
      assert.isFalse(result.ok)
      const bySubject = Object.fromEntries(
        result.problems.map((p: { subject: string }) => [p.subject, p])
      )
      assert.deepEqual(
        Object.keys(bySubject).sort(),
        [`user ${alice.user.id}`, `user ${bob.user.id}`].sort()
      )
      assert.equal(bySubject[`user ${alice.user.id}`].code, 'E_KEY_LOG_BROKEN')
      assert.include(
        bySubject[`user ${alice.user.id}`].message,
        'entry 2 was altered (hash mismatch)'
      )
      assert.equal(bySubject[`user ${bob.user.id}`].code, 'E_KEY_MISMATCH')
      assert.include(
        bySubject[`user ${bob.user.id}`].message,
        `active devices differ from the key log (not logged: ${b.device.deviceId})`
      )
    }

    const disabled = assertSuccess(assert, await chatctl(['key', 'verify', '--json']), 'key:verify')
    assert.deepEqual(disabled.keyLogs, { checked: false, users: 0, entries: 0 })
  })
})
