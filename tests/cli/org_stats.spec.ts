import { test } from '@japa/runner'
import orgActivity from '#services/org_activity'
import { resetDatabase } from '#tests/helpers/database'
import { chatOrg, groupRoom, send } from '../functional/chat/chat_fixtures.js'
import { assertSuccess, bootstrapAdmin, chatctlJson } from './cli_fixtures.js'

test.group('chatctl org stats', (group) => {
  group.each.setup(() => resetDatabase())
  group.each.setup(() => orgActivity.reset())

  test('reports the organization analytics, the same locally and remotely', async ({ assert }) => {
    const remote = await bootstrapAdmin(assert)
    const { org, owner, alice } = await chatOrg()
    const room = await groupRoom(org, owner, [alice], 'launch')
    await send(org, alice, room.id, 'one')
    await send(org, alice, room.id, 'two')
    await orgActivity.settled()

    const local = assertSuccess(
      assert,
      await chatctlJson({ name: 'local' }, ['org', 'stats', org.slug]),
      'org:stats'
    )
    const remoteStats = assertSuccess(
      assert,
      await chatctlJson(remote, ['org', 'stats', org.slug]),
      'org:stats'
    )

    assert.deepEqual(local, remoteStats)
    assert.equal(local.members, 4)
    assert.deepEqual(local.senders, { last7Days: 1, last30Days: 1 })
    assert.equal(local.messagesPerDay.at(-1).count, 2)
    assert.deepEqual(local.busiestRooms, [
      { roomId: room.id, name: 'launch', type: 'group', messages: 2 },
    ])
  })

  test('an unknown organization is E_NOT_FOUND', async ({ assert }) => {
    const run = await chatctlJson({ name: 'local' }, ['org', 'stats', 'no-such-org'])
    assert.equal(run.code, 1, run.stderr)
    assert.equal(run.json.code, 'E_NOT_FOUND')
  })
})
