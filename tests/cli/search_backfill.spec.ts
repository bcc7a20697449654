import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import User from '#models/user'
import SendMessage from '#actions/messages/send_message'
import { actorFor } from '#services/org_context'
import { resetDatabase } from '#tests/helpers/database'
import { assertSuccess, chatctlJson, modeFor } from './cli_fixtures.js'

/*
 * `chatctl search backfill`: the trigger of the blind index backfill, in both
 * modes (local runs it against the server through its admin socket, remote
 * over the admin API). Messages without an index row stand for messages sent
 * before search existed.
 */
for (const modeName of ['local', 'remote'] as const) {
  test.group(`chatctl ${modeName}: search backfill`, (group) => {
    group.each.setup(() => resetDatabase())

    test('indexes the messages the index lacks, then has nothing left to do', async ({
      assert,
      client,
    }) => {
      const mode = await modeFor(modeName, assert)
      const created = await chatctlJson({ name: 'local' }, [
        'org',
        'create',
        '--name',
        'Acme',
        '--owner-email',
        'ada@acme.test',
      ])
      const orgId = created.json.result.organization.id
      const owner = await User.findByOrFail('email', 'ada@acme.test')
      const accessToken = await User.accessTokens.create(owner)
      const token = accessToken.value!.release()
      const room = await client
        .post('/chat/rooms/group')
        .bearerToken(token)
        .header('x-organization-id', orgId)
        .json({ name: 'general', memberIds: [] })
      const actor = await actorFor(owner, orgId)
      for (let i = 0; i < 7; i++) {
        await SendMessage.handle(actor, { roomId: room.body().data.id, content: `old otter ${i}` })
      }
      await db.from('message_search').delete()
      const search = () =>
        client
          .get('/chat/search')
          .qs({ q: 'otter', limit: 50 })
          .bearerToken(token)
          .header('x-organization-id', orgId)
      const before = await search()
      assert.lengthOf(before.body().data, 0)

      const run = assertSuccess(
        assert,
        await chatctlJson(mode, ['search', 'backfill', '--batch-size', '3']),
        'search:backfill'
      )

      assert.deepEqual(run, { indexed: 7, total: 7, remaining: 0, aborted: false, queued: false })
      const after = await search()
      assert.lengthOf(after.body().data, 7)
      const again = assertSuccess(
        assert,
        await chatctlJson(mode, ['search', 'backfill']),
        'search:backfill'
      )
      assert.deepEqual(again, { indexed: 0, total: 0, remaining: 0, aborted: false, queued: false })
    })
  })
}
