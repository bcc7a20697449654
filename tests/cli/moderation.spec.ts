import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { resetDatabase } from '#tests/helpers/database'
import { chatOrg, groupRoom, otherOrg, send } from '../functional/chat/chat_fixtures.js'
import { actorFor } from '#services/org_context'
import CreateReport from '#actions/moderation/create_report'
import { assertFailure, assertSuccess, chatctlJson, modeFor } from './cli_fixtures.js'

for (const modeName of ['local', 'remote'] as const) {
  test.group(`chatctl ${modeName}: moderation`, (group) => {
    group.each.setup(() => resetDatabase())

    test('mute, ban, unban, the report queue and slow mode', async ({ assert }) => {
      const mode = await modeFor(modeName, assert)
      const { org, owner, alice, bob } = await chatOrg()
      const room = await groupRoom(org, owner, [alice, bob])
      const message = await send(org, bob, room.id, 'spam spam')
      await CreateReport.handle(await actorFor(alice.user, org.id), message.id, 'spam')

      const muted = assertSuccess(
        assert,
        await chatctlJson(mode, [
          'member',
          'mute',
          bob.user.username,
          '--org',
          org.slug,
          '--minutes',
          '5',
        ]),
        'member:mute'
      )
      assert.isString(muted.mutedUntil)
      const unmuted = assertSuccess(
        assert,
        await chatctlJson(mode, ['member', 'mute', bob.user.username, '--org', org.slug, '--off']),
        'member:mute'
      )
      assert.isNull(unmuted.mutedUntil)

      const queue = assertSuccess(
        assert,
        await chatctlJson(mode, ['report', 'list', '--org', org.slug]),
        'report:list'
      )
      assert.lengthOf(queue.reports, 1)
      assert.equal(queue.reports[0].message.content, 'spam spam')

      const slow = assertSuccess(
        assert,
        await chatctlJson(mode, [
          'room',
          'slow-mode',
          room.id,
          '--org',
          org.slug,
          '--seconds',
          '30',
        ]),
        'room:slow-mode'
      )
      assert.deepEqual(slow, { roomId: room.id, slowModeSeconds: 30 })

      const unconfirmed = await chatctlJson(mode, [
        'member',
        'ban',
        bob.user.username,
        '--org',
        org.slug,
      ])
      assert.notEqual(unconfirmed.code, 0)
      const ban = assertSuccess(
        assert,
        await chatctlJson(mode, [
          'member',
          'ban',
          bob.user.username,
          '--org',
          org.slug,
          '--confirm',
        ]),
        'member:ban'
      )
      assert.equal(ban.userId, bob.user.id)
      const invite = await chatctlJson(mode, [
        'invite',
        'create',
        bob.user.email,
        '--org',
        org.slug,
      ])
      assert.notEqual(invite.code, 0)
      assert.include(invite.stdout, 'E_USER_BANNED')
      assertSuccess(
        assert,
        await chatctlJson(mode, ['member', 'unban', bob.user.username, '--org', org.slug]),
        'member:unban'
      )

      const { org: other } = await otherOrg()
      const foreign = await chatctlJson(mode, [
        'room',
        'slow-mode',
        room.id,
        '--org',
        other.slug,
        '--seconds',
        '5',
      ])
      assertFailure(assert, foreign, 'E_NOT_FOUND', 1)

      const actions = await db
        .from('audit_events')
        .where('organization_id', org.id)
        .whereLike('action', 'moderation.%')
        .orderBy('id')
      assert.deepEqual(
        actions.map((row) => [row.action, row.door]),
        [
          ['moderation.message_reported', 'system'],
          ['moderation.member_muted', modeName === 'local' ? 'chatctl' : 'admin-api'],
          ['moderation.member_unmuted', modeName === 'local' ? 'chatctl' : 'admin-api'],
          ['moderation.slow_mode_changed', modeName === 'local' ? 'chatctl' : 'admin-api'],
          ['moderation.member_banned', modeName === 'local' ? 'chatctl' : 'admin-api'],
          ['moderation.member_unbanned', modeName === 'local' ? 'chatctl' : 'admin-api'],
        ]
      )
    })
  })
}
