import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { resetDatabase } from '#tests/helpers/database'
import { chatOrg, groupRoom, otherOrg, send } from '../functional/chat/chat_fixtures.js'
import { readArchive, startWorkers } from '../functional/governance/export_fixtures.js'
import { assertFailure, assertSuccess, chatctlJson, modeFor } from './cli_fixtures.js'

for (const modeName of ['local', 'remote'] as const) {
  test.group(`chatctl ${modeName}: exports`, (group) => {
    let dir = ''
    group.setup(() => startWorkers())
    group.each.setup(async () => {
      await resetDatabase()
      dir = await mkdtemp(join(tmpdir(), 'parley-cli-export-'))
      return () => rm(dir, { recursive: true, force: true })
    })

    test('org export writes the organization archive to --output, audited', async ({ assert }) => {
      const mode = await modeFor(modeName, assert)
      const { org, owner, alice } = await chatOrg()
      const room = await groupRoom(org, owner, [alice], 'general')
      await send(org, alice, room.id, 'exported by chatctl')
      const { org: foreign, stranger } = await otherOrg()
      const elsewhere = await groupRoom(foreign, stranger, [])
      await send(foreign, stranger, elsewhere.id, 'not here')

      const output = join(dir, 'org.zip')
      const result = assertSuccess(
        assert,
        await chatctlJson(mode, ['org', 'export', org.slug, '--output', output]),
        'org:export'
      )
      assert.equal(result.status, 'ready')
      assert.equal(result.output, output)
      const bytes = await readFile(output)
      assert.equal(bytes.length, result.size)
      const archive = await readArchive(bytes)
      assert.deepEqual(
        archive.lines('messages.jsonl').map((m) => m.content),
        ['exported by chatctl']
      )
      assert.deepEqual(
        archive.lines('rooms.jsonl').map((r) => r.name),
        ['general']
      )
      const audit = await db.from('audit_events').where('target_id', result.id).orderBy('id')
      assert.deepEqual(
        audit.map((row) => row.action),
        modeName === 'local'
          ? ['export.requested', 'export.completed']
          : ['export.requested', 'export.completed', 'export.downloaded']
      )
      assert.equal(audit[0].door, modeName === 'local' ? 'chatctl' : 'admin-api')
      assert.equal(audit[0].organization_id, org.id)

      const missing = await chatctlJson(mode, [
        'org',
        'export',
        'no-such-org',
        '--output',
        join(dir, 'none.zip'),
      ])
      assertFailure(assert, missing, 'E_NOT_FOUND', 1)
      assert.isFalse(existsSync(join(dir, 'none.zip')))
    })

    test("user export writes that user's own data, nobody else's", async ({ assert }) => {
      const mode = await modeFor(modeName, assert)
      const { org, owner, alice, bob } = await chatOrg()
      const room = await groupRoom(org, owner, [alice, bob])
      await send(org, alice, room.id, 'mine')
      await send(org, bob, room.id, 'bob’s')

      const output = join(dir, 'alice.zip')
      const result = assertSuccess(
        assert,
        await chatctlJson(mode, ['user', 'export', alice.user.email, '--output', output]),
        'user:export'
      )
      assert.deepInclude(result, { kind: 'user', userId: alice.user.id, status: 'ready' })
      const archive = await readArchive(await readFile(output))
      assert.equal(JSON.parse(archive.text('profile.json')).email, alice.user.email)
      assert.deepEqual(
        archive.lines('messages.jsonl').map((m) => m.content),
        ['mine']
      )
      const bad = await chatctlJson(mode, ['user', 'export', 'nobody\u0001', '--output', output])
      assertFailure(assert, bad, 'E_NOT_FOUND', 1)
    })
  })
}
