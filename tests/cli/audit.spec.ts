import { test } from '@japa/runner'
import { resetDatabase } from '#tests/helpers/database'
import { chatOrg, otherOrg } from '../functional/chat/chat_fixtures.js'
import { assertFailure, assertSuccess, chatctlJson, modeFor } from './cli_fixtures.js'

interface Entry {
  action: string
  organizationId: string | null
  actorUserId: string | null
  door: string
  targetId: string | null
}

for (const modeName of ['local', 'remote'] as const) {
  test.group(`chatctl ${modeName}: audit list`, (group) => {
    group.each.setup(() => resetDatabase())

    test('lists the server’s entries, filtered by organization and action', async ({ assert }) => {
      const mode = await modeFor(modeName, assert)
      const { org, alice } = await chatOrg()
      const { org: other } = await otherOrg()
      const role = await chatctlJson(mode, [
        'member',
        'role',
        alice.user.username,
        '--org',
        org.slug,
        '--role',
        'moderator',
      ])
      assert.equal(role.code, 0, role.stderr)
      const invite = await chatctlJson(mode, [
        'invite',
        'create',
        'x@example.com',
        '--org',
        other.slug,
      ])
      assert.equal(invite.code, 0, invite.stderr)

      const all = assertSuccess(assert, await chatctlJson(mode, ['audit', 'list']), 'audit:list')
      const actions = all.entries.map((e: Entry) => e.action)
      assert.includeMembers(actions, ['org.member_role_changed', 'invite.created'])

      const page = assertSuccess(
        assert,
        await chatctlJson(mode, ['audit', 'list', '--org', org.slug, '--action', 'org.*']),
        'audit:list'
      )
      assert.lengthOf(page.entries, 1)
      const [entry] = page.entries as Entry[]
      assert.equal(entry.organizationId, org.id)
      assert.equal(entry.targetId, alice.user.id)
      assert.equal(entry.door, modeName === 'local' ? 'chatctl' : 'admin-api')
      if (modeName === 'local') assert.isNull(entry.actorUserId)
      else assert.isString(entry.actorUserId)
      assert.deepEqual(page.meta, { total: 1, perPage: 50, currentPage: 1, lastPage: 1 })

      const refused = await chatctlJson(mode, ['audit', 'list', '--action', 'Not An Action'])
      assertFailure(assert, refused, 'E_VALIDATION_ERROR', 2)
      const missing = await chatctlJson(mode, ['audit', 'list', '--org', 'no-such-org'])
      assertFailure(assert, missing, 'E_NOT_FOUND', 1)
    })
  })
}
