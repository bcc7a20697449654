import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import User from '#models/user'
import { resetDatabase } from '#tests/helpers/database'
import { createUserWithToken } from '#tests/helpers/users'
import { chatOrg, groupRoom, send } from '../functional/chat/chat_fixtures.js'
import { assertFailure, assertSuccess, chatctlJson, modeFor } from './cli_fixtures.js'

for (const modeName of ['local', 'remote'] as const) {
  test.group(`chatctl ${modeName}: user update, promote, demote, search and delete`, (group) => {
    group.each.setup(() => resetDatabase())

    test('updates email, username and display name; a taken email is refused', async ({
      assert,
    }) => {
      const mode = await modeFor(modeName, assert)
      const bob = await createUserWithToken({ username: 'bob', email: 'bob@acme.test' })
      await createUserWithToken({ username: 'carol', email: 'carol@acme.test' })

      const updated = assertSuccess(
        assert,
        await chatctlJson(mode, [
          'user',
          'update',
          'bob',
          '--email',
          'Robert@Acme.test',
          '--username',
          'robert',
          '--display-name',
          'Robert B.',
        ]),
        'user:update'
      )
      assert.equal(updated.id, bob.user.id)
      assert.deepInclude(updated, {
        email: 'robert@acme.test',
        username: 'robert',
        displayName: 'Robert B.',
      })
      const taken = await chatctlJson(mode, [
        'user',
        'update',
        'robert',
        '--email',
        'CAROL@acme.test',
      ])
      assertFailure(assert, taken, 'E_VALIDATION_ERROR', 2)
      const found = assertSuccess(
        assert,
        await chatctlJson(mode, ['user', 'search', 'rob']),
        'user:search'
      )
      assert.deepEqual(
        found.map((row: { username: string }) => row.username),
        ['robert']
      )
    })

    test('promote grants the admin role; demote withdraws it and revokes its admin tokens', async ({
      assert,
    }) => {
      const mode = await modeFor(modeName, assert)
      await createUserWithToken({ username: 'bob', email: 'bob@acme.test' })

      const promoted = assertSuccess(
        assert,
        await chatctlJson(mode, ['user', 'promote', 'bob']),
        'user:promote'
      )
      assert.isTrue(promoted.user.isAdmin)
      const token = await chatctlJson(mode, ['token', 'create', '--user', 'bob'])
      assertSuccess(assert, token, 'token:create')
      const demoted = assertSuccess(
        assert,
        await chatctlJson(mode, ['user', 'demote', 'bob']),
        'user:demote'
      )
      assert.isFalse(demoted.user.isAdmin)
      assert.equal(demoted.tokensRevoked, 1)
      const bobRemote = { name: 'remote' as const, token: token.json.result.token }
      const refused = await chatctlJson(bobRemote, ['user', 'search', 'bob'])
      assertFailure(assert, refused, 'E_UNAUTHORIZED', 3)
    })

    test('delete keeps the messages without a sender; the only owner of an organization stays', async ({
      assert,
    }) => {
      const mode = await modeFor(modeName, assert)
      const { org, owner, alice } = await chatOrg()
      const room = await groupRoom(org, owner, [alice])
      const message = await send(org, alice, room.id, 'stays after alice is gone')

      const refused = await chatctlJson(mode, ['user', 'delete', owner.user.email, '--confirm'])
      assertFailure(assert, refused, 'E_LAST_OWNER', 1)
      const unconfirmed = await chatctlJson(mode, ['user', 'delete', alice.user.email])
      assertFailure(assert, unconfirmed, 'E_CONFIRM_REQUIRED', 2)

      const deleted = assertSuccess(
        assert,
        await chatctlJson(mode, ['user', 'delete', alice.user.email, '--confirm']),
        'user:delete'
      )
      assert.deepEqual(deleted, {
        id: alice.user.id,
        username: alice.user.username,
        deleted: true,
        messagesKept: 1,
      })
      assert.isNull(await User.find(alice.user.id))
      const row = await db.from('messages').where('id', message.id).first()
      assert.isNull(row.sender_id)
      assert.isNotNull(await User.find(owner.user.id))
    })
  })
}
