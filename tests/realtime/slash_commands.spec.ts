import { test } from '@japa/runner'
import { resetDatabase } from '#tests/helpers/database'
import { createMemberWithToken, createOrgWith, createUserWithToken } from '#tests/helpers/users'
import { actorFor } from '#services/org_context'
import { outbound } from '#domain/webhooks/outbound'
import CreateBot from '#actions/bots/create_bot'
import CreateCommand from '#actions/commands/create_command'
import { sseClient, waitFor } from '#tests/helpers/sse'
import { LOOPBACK_ONLY, startEndpoint, type Answer } from '#tests/helpers/http_endpoint'
import {
  attachGateway,
  closeSockets,
  connectAs,
  groupRoom,
  nextEvent,
  request,
  type ClientSocket,
} from '#tests/helpers/sockets'

type Received = { event: string; data: any }

function recordAll(socket: ClientSocket) {
  const received: Received[] = []
  socket.onAny((event: string, data: unknown) => received.push({ event, data }))
  return received
}

/** An org whose room holds ann (who runs commands), ben and a bot; `/echo` answers as told. */
async function scene(answer: Answer, cleanup: (fn: () => any) => void) {
  const owner = await createUserWithToken()
  const org = await createOrgWith(owner.user)
  const ann = await createMemberWithToken(org)
  const ben = await createMemberWithToken(org)
  const admin = await actorFor(owner.user, org.id)
  const bot = await CreateBot.handle(admin, { username: 'echo_bot' })
  const room = await groupRoom(org, owner.user, [ann.user, ben.user, bot])
  const endpoint = await startEndpoint(answer)
  cleanup(() => endpoint.close())
  await CreateCommand.handle(admin, { name: 'echo', url: endpoint.url, botId: bot.id })
  const { socket: annSocket } = await connectAs({ token: ann.token, organizationId: org.id })
  const { socket: annSecond } = await connectAs({ token: ann.token, organizationId: org.id })
  const { socket: benSocket } = await connectAs({ token: ben.token, organizationId: org.id })
  return { org, owner, ann, ben, bot, room, endpoint, annSocket, annSecond, benSocket }
}

/*
 * `run_command` over Socket.IO: the same door as REST. An ephemeral answer
 * goes to the member who ran it only (all of their sockets and their SSE
 * stream, never another member's); an in-channel answer is a message of the
 * bot that the whole room receives. Failures are ack errors.
 */
test.group('Slash commands over the socket', (group) => {
  group.setup(() => attachGateway())
  group.each.setup(() => resetDatabase())
  group.each.setup(() => {
    outbound.allowAddress = LOOPBACK_ONLY
    return () => {
      outbound.allowAddress = undefined
    }
  })
  group.each.teardown(() => closeSockets())

  test('an ephemeral answer reaches the sender only, on sockets and SSE', async ({
    assert,
    cleanup,
  }) => {
    const s = await scene(() => ({ status: 200, json: { text: 'just for you' } }), cleanup)
    const benEvents = recordAll(s.benSocket)
    const sse = sseClient(s.ben.token)
    cleanup(() => sse.close())
    const benSse: Received[] = []
    const benChannel = sse.subscription(`users/${s.ben.user.id}`)
    benChannel.onMessage((message: Received) => benSse.push(message))
    await benChannel.create()
    const annSse = sseClient(s.ann.token)
    cleanup(() => annSse.close())
    const annSseEvents: Received[] = []
    const annChannel = annSse.subscription(`users/${s.ann.user.id}`)
    annChannel.onMessage((message: Received) => annSseEvents.push(message))
    await annChannel.create()

    const onSecond = nextEvent(s.annSecond, 'command_response')
    const onFirst = nextEvent(s.annSocket, 'command_response')
    const answer = await request(s.annSocket, 'run_command', {
      roomId: s.room.id,
      command: '/echo',
      args: 'hello',
    })
    assert.isTrue(answer.ok)
    assert.deepEqual(answer.ok && answer.data, {
      command: 'echo',
      responseType: 'ephemeral',
      text: 'just for you',
      message: null,
    })
    const expected = {
      organizationId: s.org.id,
      roomId: s.room.id,
      command: 'echo',
      text: 'just for you',
    }
    assert.deepEqual(await onFirst, expected)
    assert.deepEqual(await onSecond, expected)
    await waitFor(() => annSseEvents.some((m) => m.event === 'command_response'))
    assert.deepEqual(annSseEvents.find((m) => m.event === 'command_response')!.data, expected)

    // Ben, in the same room, sees nothing of it, on either transport.
    await request(s.benSocket, 'typing_start', { roomId: s.room.id })
    await new Promise((resolve) => setTimeout(resolve, 200))
    assert.notInclude(
      benEvents.map((e) => e.event),
      'command_response'
    )
    assert.notInclude(
      benEvents.map((e) => e.event),
      'new_message'
    )
    assert.notInclude(
      benSse.map((e) => e.event),
      'command_response'
    )
    assert.equal(JSON.parse(s.endpoint.received[0].body).args, 'hello')
  })

  test('an ephemeral answer reaches only the sender’s sockets in the room’s organization', async ({
    assert,
    cleanup,
  }) => {
    const s = await scene(() => ({ status: 200, json: { text: 'org A only' } }), cleanup)
    // Ann is also a member of organization B: one socket opened there, one moved there.
    const orgB = await createOrgWith(s.ann.user)
    const { socket: inB } = await connectAs({ token: s.ann.token, organizationId: orgB.id })
    const moved = await request(s.annSecond, 'switch_organization', { organizationId: orgB.id })
    assert.isTrue(moved.ok)
    const inBEvents = recordAll(inB)
    const movedEvents = recordAll(s.annSecond)

    const onA = nextEvent(s.annSocket, 'command_response')
    const answer = await request(s.annSocket, 'run_command', {
      roomId: s.room.id,
      command: '/echo',
    })
    assert.isTrue(answer.ok)
    assert.deepEqual(await onA, {
      organizationId: s.org.id,
      roomId: s.room.id,
      command: 'echo',
      text: 'org A only',
    })
    // A round trip on each org-B socket, then a pause: a stray delivery would have arrived.
    await request(inB, 'typing_start', { roomId: s.room.id })
    await request(s.annSecond, 'typing_start', { roomId: s.room.id })
    await new Promise((resolve) => setTimeout(resolve, 200))
    assert.notInclude(
      inBEvents.map((e) => e.event),
      'command_response'
    )
    assert.notInclude(
      movedEvents.map((e) => e.event),
      'command_response'
    )
  })

  test('an in-channel answer is the bot’s message to the whole room', async ({
    assert,
    cleanup,
  }) => {
    const s = await scene(
      () => ({ status: 200, json: { text: 'hello room', responseType: 'in_channel' } }),
      cleanup
    )
    const onBen = nextEvent(s.benSocket, 'new_message')
    const answer = await request(s.annSocket, 'run_command', {
      roomId: s.room.id,
      command: 'echo',
    })
    if (!answer.ok) throw new Error(answer.error.code)
    assert.equal(answer.data.message.senderId, s.bot.id)
    const message = await onBen
    assert.equal(message.id, answer.data.message.id)
    assert.equal(message.content, 'hello room')
  })

  test('failures are ack errors with their codes, and foreign rooms are 404', async ({
    assert,
    cleanup,
  }) => {
    const s = await scene(() => ({ status: 503 }), cleanup)
    const failed = await request(s.annSocket, 'run_command', { roomId: s.room.id, command: 'echo' })
    assert.deepEqual(failed, {
      ok: false,
      error: {
        code: 'E_COMMAND_FAILED',
        message: 'The /echo command failed: its endpoint answered 503',
      },
    })
    const unknown = await request(s.annSocket, 'run_command', { roomId: s.room.id, command: 'x' })
    assert.equal(unknown.ok ? null : unknown.error.code, 'E_UNKNOWN_COMMAND')
    const invalid = await request(s.annSocket, 'run_command', { roomId: s.room.id, command: 7 })
    assert.equal(invalid.ok ? null : invalid.error.code, 'E_VALIDATION_ERROR')

    const stranger = await createUserWithToken()
    const otherOrg = await createOrgWith(stranger.user)
    const otherRoom = await groupRoom(otherOrg, stranger.user, [])
    const foreign = await request(s.annSocket, 'run_command', {
      roomId: otherRoom.id,
      command: 'echo',
    })
    assert.equal(foreign.ok ? null : foreign.error.code, 'E_NOT_FOUND')
    assert.lengthOf(s.endpoint.received, 1)
  })
})
