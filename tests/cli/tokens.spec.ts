import { test } from '@japa/runner'
import { resetDatabase } from '#tests/helpers/database'
import { assertFailure, assertSuccess, bootstrapAdmin, chatctlJson } from './cli_fixtures.js'

const local = { name: 'local' } as const

/** A second server admin with two admin tokens, made by local chatctl. */
async function secondAdmin(assert: Parameters<typeof bootstrapAdmin>[0]) {
  assertSuccess(
    assert,
    await chatctlJson(local, [
      'user',
      'create',
      '--email',
      'eve@parley.test',
      '--username',
      'eve',
      '--admin',
    ]),
    'user:create'
  )
  const ids = []
  for (const name of ['laptop', 'ci']) {
    const run = await chatctlJson(local, ['token', 'create', '--user', 'eve', '--name', name])
    ids.push(assertSuccess(assert, run, 'token:create').id)
  }
  return ids
}

test.group('chatctl token list and revoke --all', (group) => {
  group.each.setup(() => resetDatabase())

  test('lists admin tokens without secrets, the same locally and remotely, and by account', async ({
    assert,
  }) => {
    const remote = await bootstrapAdmin(assert)
    const eveIds = await secondAdmin(assert)

    const remoteList = assertSuccess(
      assert,
      await chatctlJson(remote, ['token', 'list']),
      'token:list'
    )
    const localList = assertSuccess(
      assert,
      await chatctlJson(local, ['token', 'list']),
      'token:list'
    )

    assert.deepEqual(localList, remoteList)
    assert.deepEqual(
      localList.map((row: { username: string; name: string }) => [row.username, row.name]),
      [
        ['ops', 'chatctl'],
        ['eve', 'laptop'],
        ['eve', 'ci'],
      ]
    )
    assert.notMatch(JSON.stringify(localList), /pla_/)
    const eve = assertSuccess(
      assert,
      await chatctlJson(local, ['token', 'list', '--user', 'eve@parley.test']),
      'token:list'
    )
    assert.deepEqual(
      eve.map((row: { id: number }) => row.id),
      eveIds
    )
  })

  for (const modeName of ['local', 'remote'] as const) {
    test(`${modeName}: revoke --all ends every admin token of the account, and only those`, async ({
      assert,
    }) => {
      const remote = await bootstrapAdmin(assert)
      const mode = modeName === 'local' ? local : remote
      const eveIds = await secondAdmin(assert)

      const refused = await chatctlJson(mode, ['token', 'revoke', '--all', 'eve'])
      assertFailure(assert, refused, 'E_CONFIRM_REQUIRED', 2)
      const both = await chatctlJson(mode, ['token', 'revoke', '1', '--all', 'eve', '--confirm'])
      assertFailure(assert, both, 'E_USAGE', 2)

      const run = await chatctlJson(mode, ['token', 'revoke', '--all', 'eve', '--confirm'])
      const result = assertSuccess(assert, run, 'token:revoke')
      assert.sameMembers(
        result.succeeded.map((entry: { result: { id: number } }) => entry.result.id),
        eveIds
      )
      assert.deepEqual(result.failed, [])
      const left = assertSuccess(assert, await chatctlJson(local, ['token', 'list']), 'token:list')
      assert.deepEqual(
        left.map((row: { username: string }) => row.username),
        ['ops']
      )
    })
  }

  test('remote: revoking every token of the account running the command ends its own token too', async ({
    assert,
  }) => {
    const remote = await bootstrapAdmin(assert)
    const run = await chatctlJson(remote, ['token', 'revoke', '--all', 'ops', '--confirm'])
    assert.lengthOf(assertSuccess(assert, run, 'token:revoke').succeeded, 1)
    const after = await chatctlJson(remote, ['token', 'list'])
    assertFailure(assert, after, 'E_UNAUTHORIZED', 3)
  })
})
