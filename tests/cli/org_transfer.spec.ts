import { test } from '@japa/runner'
import { resetDatabase } from '#tests/helpers/database'
import { addMember, createUserWithToken } from '#tests/helpers/users'
import { chatOrg } from '../functional/chat/chat_fixtures.js'
import { assertFailure, assertSuccess, chatctlJson, modeFor } from './cli_fixtures.js'

for (const modeName of ['local', 'remote'] as const) {
  test.group(`chatctl ${modeName}: org transfer`, (group) => {
    group.each.setup(() => resetDatabase())

    test('makes a member the only owner and the previous owners admins', async ({ assert }) => {
      const mode = await modeFor(modeName, assert)
      const { org, owner, alice } = await chatOrg()
      const coOwner = await createUserWithToken()
      await addMember(org, coOwner.user, 'owner')
      const outsider = await createUserWithToken()

      const refused = await chatctlJson(mode, [
        'org',
        'transfer',
        org.slug,
        '--to',
        outsider.user.email,
      ])
      assertFailure(assert, refused, 'E_NOT_FOUND', 1)

      const members = assertSuccess(
        assert,
        await chatctlJson(mode, ['org', 'transfer', org.slug, '--to', alice.user.username]),
        'org:transfer'
      )
      const roles = Object.fromEntries(
        members.map((m: { user: { id: string }; role: string }) => [m.user.id, m.role])
      )
      assert.equal(roles[alice.user.id], 'owner')
      assert.equal(roles[owner.user.id], 'admin')
      assert.equal(roles[coOwner.user.id], 'admin')
      assert.lengthOf(
        members.filter((m: { role: string }) => m.role === 'owner'),
        1
      )
    })
  })
}
