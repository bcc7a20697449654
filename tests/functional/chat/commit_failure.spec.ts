import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import emitter from '@adonisjs/core/services/emitter'
import EditMessage from '#actions/messages/edit_message'
import CreateGroupRoom from '#actions/rooms/create_group_room'
import { actorFor } from '#services/org_context'
import { resetDatabase } from '#tests/helpers/database'
import { allowCommitsOn, refuseCommitsOn } from '#tests/helpers/commit_trap'
import { chatOrg, groupRoom, send } from './chat_fixtures.js'

/*
 * Writes other than sends also report success only after COMMIT: when the
 * COMMIT itself fails (a deferred constraint trigger raises there, after
 * every statement succeeded), the caller gets the error and no domain event
 * goes out, so no client is told about a change that was never stored.
 */
test.group('A write whose COMMIT fails', (group) => {
  group.each.setup(() => resetDatabase())

  /** Records the events of `name` emitted while `run` runs. */
  async function eventsDuring(name: 'message:edited' | 'room:created', run: () => Promise<void>) {
    const seen: unknown[] = []
    const listener = (payload: unknown) => void seen.push(payload)
    emitter.on(name, listener)
    try {
      await run()
    } finally {
      emitter.off(name, listener)
    }
    return seen
  }

  test('fails an edit and emits no message:edited', async ({ assert, cleanup }) => {
    const { org, alice, owner } = await chatOrg()
    const room = await groupRoom(org, owner, [alice])
    const message = await send(org, alice, room.id, 'first words')
    const actor = await actorFor(alice.user, org.id)
    await refuseCommitsOn('message_edits')
    cleanup(() => allowCommitsOn('message_edits'))

    const events = await eventsDuring('message:edited', async () => {
      await assert.rejects(
        () => EditMessage.handle(actor, message.id, { content: 'second words' }),
        /commit refused by the test trap/
      )
    })

    assert.lengthOf(events, 0)
    assert.lengthOf(await db.from('message_edits').select('id'), 0)
    const [row] = await db.from('messages').where('id', message.id).select('edited_at')
    assert.isNull(row.edited_at)
  })

  test('fails a group room creation and emits no room:created', async ({ assert, cleanup }) => {
    const { org, owner, alice } = await chatOrg()
    const actor = await actorFor(owner.user, org.id)
    await refuseCommitsOn('rooms')
    cleanup(() => allowCommitsOn('rooms'))

    const events = await eventsDuring('room:created', async () => {
      await assert.rejects(
        () => CreateGroupRoom.handle(actor, { name: 'never', memberIds: [alice.user.id] }),
        /commit refused by the test trap/
      )
    })

    assert.lengthOf(events, 0)
    assert.lengthOf(await db.from('rooms').select('id'), 0)
  })
})
