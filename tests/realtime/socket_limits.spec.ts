import { test } from '@japa/runner'
import { resetDatabase } from '#tests/helpers/database'
import { eventually } from '#tests/helpers/processes'
import { createOrgWith, createUserWithToken } from '#tests/helpers/users'
import {
  attachGateway,
  closeSockets,
  connectAs,
  groupRoom,
  nextEvent,
  refusedConnection,
  request,
} from '#tests/helpers/sockets'

/*
 * Per-user limits of the gateway on one node (memory store): the cap on a
 * user's concurrent sockets and the `retryAfter` of E_RATE_LIMITED. The
 * same limits across two nodes over Redis: tests/realtime/send_budget.spec.ts.
 */
test.group('Socket.IO per-user limits', (group) => {
  group.setup(() =>
    attachGateway((config) => ({
      ...config,
      limits: { ...config.limits, eventsPerSecond: 1, eventBurst: 3, maxSocketsPerUser: 2 },
    }))
  )
  group.each.setup(() => resetDatabase())
  group.each.teardown(() => closeSockets())

  test('refuses a user’s socket over the cap with E_TOO_MANY_CONNECTIONS; closing one frees a slot', async ({
    assert,
  }) => {
    const ann = await createUserWithToken()
    const bob = await createUserWithToken()
    await createOrgWith(ann.user)
    await createOrgWith(bob.user)
    const first = await connectAs({ token: ann.token })
    await connectAs({ token: ann.token })

    const refused = await refusedConnection({ token: ann.token })
    assert.equal(refused.message, 'E_TOO_MANY_CONNECTIONS')
    assert.equal(refused.data?.code, 'E_TOO_MANY_CONNECTIONS')
    assert.match(refused.data?.message ?? '', /At most 2 connections/)

    await connectAs({ token: bob.token })
    first.socket.disconnect()
    await eventually(
      () => connectAs({ token: ann.token }).then(() => true),
      5000,
      () => 'a closed socket did not free its slot'
    )
  })

  test('E_RATE_LIMITED carries retryAfter in seconds, in the ack and in the error event', async ({
    assert,
  }) => {
    const owner = await createUserWithToken()
    const org = await createOrgWith(owner.user)
    const room = await groupRoom(org, owner.user)
    const { socket } = await connectAs({ token: owner.token })

    const answers = await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        request(socket, 'send_message', { roomId: room.id, content: `m${i}` })
      )
    )
    const refused = answers.find((answer) => !answer.ok)
    assert.exists(refused)
    assert.equal(refused!.ok ? null : refused!.error.code, 'E_RATE_LIMITED')
    const retryAfter = refused!.ok ? 0 : refused!.error.retryAfter
    assert.isTrue(Number.isInteger(retryAfter) && retryAfter! >= 1, `retryAfter ${retryAfter}`)

    const error = nextEvent(socket, 'error')
    socket.emit('typing_start', { roomId: room.id })
    const payload = await error
    assert.equal(payload.code, 'E_RATE_LIMITED')
    assert.equal(payload.event, 'typing_start')
    assert.isAtLeast(payload.retryAfter, 1)
  })
})
