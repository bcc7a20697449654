import { test } from '@japa/runner'
import { resetDatabase } from '#tests/helpers/database'
import { chatOrg } from '../functional/chat/chat_fixtures.js'
import { assertFailure, assertSuccess, chatctlJson, modeFor } from './cli_fixtures.js'

/** Usernames and room roles of a members result. */
const roster = (rows: { role: string; user: { username: string } }[]) =>
  rows.map((row) => `${row.user.username}:${row.role}`).sort()

for (const modeName of ['local', 'remote'] as const) {
  test.group(`chatctl ${modeName}: room create, rename, members, unarchive`, (group) => {
    group.each.setup(() => resetDatabase())

    test('creates a room, renames it, adds, lists and removes members, archives and unarchives it', async ({
      assert,
    }) => {
      const mode = await modeFor(modeName, assert)
      const { org, owner, alice, bob } = await chatOrg()
      const names = {
        owner: owner.user.username,
        alice: alice.user.username,
        bob: bob.user.username,
      }

      const created = assertSuccess(
        assert,
        await chatctlJson(mode, [
          'room',
          'create',
          '--org',
          org.slug,
          '--name',
          'general',
          '--member',
          alice.user.email,
        ]),
        'room:create'
      )
      assert.deepInclude(created, {
        name: 'general',
        type: 'group',
        memberCount: 2,
        archivedAt: null,
      })
      const room = created.id

      const renamed = assertSuccess(
        assert,
        await chatctlJson(mode, [
          'room',
          'rename',
          '--org',
          org.slug,
          room,
          '--name',
          'town-square',
        ]),
        'room:rename'
      )
      assert.equal(renamed.name, 'town-square')

      const added = assertSuccess(
        assert,
        await chatctlJson(mode, [
          'room',
          'members',
          'add',
          '--org',
          org.slug,
          room,
          '--user',
          names.bob,
        ]),
        'room:members:add'
      )
      assert.deepEqual(
        roster(added),
        [`${names.alice}:member`, `${names.bob}:member`, `${names.owner}:admin`].sort()
      )

      const unconfirmed = await chatctlJson(mode, [
        'room',
        'members',
        'remove',
        '--org',
        org.slug,
        room,
        '--user',
        names.alice,
      ])
      assertFailure(assert, unconfirmed, 'E_CONFIRM_REQUIRED', 2)
      const removed = assertSuccess(
        assert,
        await chatctlJson(mode, [
          'room',
          'members',
          'remove',
          '--org',
          org.slug,
          room,
          '--user',
          names.alice,
          '--confirm',
        ]),
        'room:members:remove'
      )
      assert.deepEqual(removed, { roomId: room, userId: alice.user.id, removed: true })
      const listed = assertSuccess(
        assert,
        await chatctlJson(mode, ['room', 'members', 'list', '--org', org.slug, room]),
        'room:members:list'
      )
      assert.deepEqual(roster(listed), [`${names.bob}:member`, `${names.owner}:admin`].sort())

      assertSuccess(
        assert,
        await chatctlJson(mode, ['room', 'archive', '--org', org.slug, room, '--confirm']),
        'room:archive'
      )
      const unarchived = assertSuccess(
        assert,
        await chatctlJson(mode, ['room', 'unarchive', '--org', org.slug, room]),
        'room:unarchive'
      )
      assert.isNull(unarchived.archivedAt)
      assert.equal(unarchived.memberCount, 2)
    })

    test('a room of another organization is E_NOT_FOUND', async ({ assert }) => {
      const mode = await modeFor(modeName, assert)
      const first = await chatOrg()
      const second = await chatOrg()
      const created = await chatctlJson(mode, [
        'room',
        'create',
        '--org',
        second.org.slug,
        '--name',
        'theirs',
      ])
      const room = assertSuccess(assert, created, 'room:create').id
      const run = await chatctlJson(mode, [
        'room',
        'rename',
        '--org',
        first.org.slug,
        room,
        '--name',
        'x',
      ])
      assertFailure(assert, run, 'E_NOT_FOUND', 1)
    })
  })
}
