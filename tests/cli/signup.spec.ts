import { test } from '@japa/runner'
import { resetDatabase } from '#tests/helpers/database'
import { assertFailure, assertSuccess, chatctlJson, modeFor } from './cli_fixtures.js'

for (const modeName of ['local', 'remote'] as const) {
  test.group(`chatctl ${modeName}: signup policy`, (group) => {
    group.each.setup(() => resetDatabase())

    test('shows the safe defaults, changes parts of the policy and refuses an empty domains mode', async ({
      assert,
      client,
    }) => {
      const mode = await modeFor(modeName, assert)
      const shown = assertSuccess(
        assert,
        await chatctlJson(mode, ['signup', 'show']),
        'signup:show'
      )
      assert.deepEqual(shown, {
        mode: 'invite_only',
        allowedDomains: [],
        organizationCreators: 'verified',
      })

      const empty = await chatctlJson(mode, ['signup', 'set', '--mode', 'domains'])
      assertFailure(assert, empty, 'E_VALIDATION_ERROR', 2)

      const set = assertSuccess(
        assert,
        await chatctlJson(mode, [
          'signup',
          'set',
          '--mode',
          'domains',
          '--domain',
          'Acme.test',
          '--domain',
          'acme.example',
        ]),
        'signup:set'
      )
      assert.deepEqual(set, {
        mode: 'domains',
        allowedDomains: ['acme.test', 'acme.example'],
        organizationCreators: 'verified',
      })
      const creators = assertSuccess(
        assert,
        await chatctlJson(mode, ['signup', 'set', '--org-creators', 'admins']),
        'signup:set'
      )
      assert.deepEqual(creators.allowedDomains, ['acme.test', 'acme.example'])
      assert.equal(creators.organizationCreators, 'admins')

      const first = await client
        .post('/auth/register')
        .json({ email: 'x@first.test', username: 'first', password: 'correct horse battery' })
      first.assertStatus(modeName === 'local' ? 201 : 403)
      const inDomain = await client
        .post('/auth/register')
        .json({ email: 'ada@acme.test', username: 'ada', password: 'correct horse battery' })
      inDomain.assertStatus(201)
    })
  })
}
