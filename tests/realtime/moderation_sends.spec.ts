import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { actorFor } from '#services/org_context'
import UpdateMemberMute from '#actions/moderation/update_member_mute'
import UpdateSlowMode from '#actions/moderation/update_slow_mode'
import { resetDatabase } from '#tests/helpers/database'
import { createMemberWithToken, createOrgWith, createUserWithToken } from '#tests/helpers/users'
import { attachGateway, closeSockets, connectAs, groupRoom, request } from '#tests/helpers/sockets'

/** An owner and a member sharing a room; the member connected. */
async function scene() {
  const owner = await createUserWithToken()
  const org = await createOrgWith(owner.user)
  const member = await createMemberWithToken(org)
  const room = await groupRoom(org, owner.user, [member.user])
  const { socket } = await connectAs({ token: member.token, organizationId: org.id })
  return { owner, org, member, room, socket }
}

test.group('Socket.IO sends under moderation', (group) => {
  group.setup(() => attachGateway())
  group.each.setup(() => resetDatabase())
  group.each.teardown(() => closeSockets())

  test('a mute set after connecting refuses the socket’s next send with E_MEMBER_MUTED', async ({
    assert,
  }) => {
    const { owner, org, member, room, socket } = await scene()
    const first = await request(socket, 'send_message', { roomId: room.id, content: 'before' })
    assert.isTrue(first.ok)

    await UpdateMemberMute.handle(await actorFor(owner.user, org.id), member.user.id, 10)
    const muted = await request(socket, 'send_message', { roomId: room.id, content: 'during' })
    assert.isFalse(muted.ok)
    assert.equal(!muted.ok && muted.error.code, 'E_MEMBER_MUTED')

    await UpdateMemberMute.handle(await actorFor(owner.user, org.id), member.user.id, null)
    const after = await request(socket, 'send_message', { roomId: room.id, content: 'after' })
    assert.isTrue(after.ok)
    const stored = await db.from('messages').where('room_id', room.id).orderBy('seq')
    assert.deepEqual(
      stored.map((row) => Number(row.seq)),
      [1, 2]
    )
  })

  test('slow mode refuses a second send within the interval with E_SLOW_MODE and retryAfter', async ({
    assert,
  }) => {
    const { owner, org, room, socket } = await scene()
    await UpdateSlowMode.handle(await actorFor(owner.user, org.id), room.id, 120)
    const answers = await Promise.all(
      ['a', 'b', 'c'].map((content) =>
        request(socket, 'send_message', { roomId: room.id, content })
      )
    )
    const accepted = answers.filter((answer) => answer.ok)
    const refused = answers.filter((answer) => !answer.ok)
    assert.lengthOf(accepted, 1, 'one send in the interval, even within one batch')
    for (const answer of refused) {
      assert.equal(!answer.ok && answer.error.code, 'E_SLOW_MODE')
      assert.isAbove((!answer.ok && answer.error.retryAfter) || 0, 100)
    }
  })
})
