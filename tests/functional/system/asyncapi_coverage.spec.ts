import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import gateway, { socketHandlers } from '#realtime/gateway'
import { SERVER_EVENTS } from '#realtime/socket_events'
import { asyncApiDocument } from '#openapi/asyncapi'
import { serverEvents } from '#openapi/events/server_events'
import { emittedClientEvents } from '#tests/helpers/emitted_events'
import { attachGateway, closeSockets, connectAs } from '#tests/helpers/sockets'
import { createOrgWith, createUserWithToken } from '#tests/helpers/users'
import { resetDatabase } from '#tests/helpers/database'

/*
 * /asyncapi.json against the code, both ways: every event the code emits or
 * handles is documented, and every documented event is emitted or handled.
 * Failure messages name the event and where to fix it.
 */

const SERVER_TABLE = 'app/openapi/events/server_events.ts'
const CLIENT_TABLE = 'app/openapi/events/client_events.ts'

/** Socket.IO's own events, which no handler table lists ('error': its server socket's no-op listener). */
const RESERVED = new Set(['connect', 'connect_error', 'disconnect', 'disconnecting', 'error'])

type Operation = {
  action: 'send' | 'receive'
  channel: { $ref: string }
  messages: { $ref: string }[]
}

function documented() {
  const operations = asyncApiDocument().operations as Record<string, Operation>
  const onSocket = Object.entries(operations).filter(
    ([, o]) => o.channel.$ref === '#/channels/socket'
  )
  const names = (action: string) =>
    onSocket.filter(([, o]) => o.action === action).map(([name]) => name)
  const sse = new Map<string, Set<string>>()
  for (const [id, o] of Object.entries(operations)) {
    const kind = /^#\/channels\/sse(User|Org|Room)$/.exec(o.channel.$ref)?.[1]?.toLowerCase()
    if (!kind) continue
    const event = id.slice(id.indexOf('.') + 1)
    sse.set(event, new Set([...(sse.get(event) ?? []), kind]))
  }
  return {
    sent: names('send').filter((n) => n !== 'connect_error'),
    received: names('receive'),
    sse,
  }
}

test.group('AsyncAPI document against the code', (group) => {
  group.each.setup(() => resetDatabase())
  group.each.teardown(() => closeSockets())

  test('documents every server event the code emits, and emits every one it documents', ({
    assert,
  }) => {
    const emitted = emittedClientEvents(app.makePath())
    assert.isAbove(emitted.length, 20)
    const { sent } = documented()
    const problems: string[] = []
    for (const event of emitted) {
      if (!sent.includes(event.name)) {
        problems.push(
          `emitted but undocumented: "${event.name}" (${event.at}); add it to ${SERVER_TABLE}`
        )
      }
    }
    const names = new Set(emitted.map((event) => event.name))
    for (const name of sent) {
      if (!names.has(name)) {
        problems.push(`documented but never emitted: "${name}"; remove it from ${SERVER_TABLE}`)
      }
    }
    for (const name of Object.keys(SERVER_EVENTS)) {
      if (!sent.includes(name)) {
        problems.push(
          `in SERVER_EVENTS (app/realtime/socket_events.ts) but undocumented: "${name}"`
        )
      }
    }
    assert.deepEqual(problems, [])
  })

  test('documents each fan-out event on the SSE channels the fan-out table sends it to', ({
    assert,
  }) => {
    const { sse } = documented()
    const sentBy = new Map<string, Set<string>>()
    const problems: string[] = []
    for (const event of emittedClientEvents(app.makePath())) {
      const kind = SERVER_EVENTS[event.name as keyof typeof SERVER_EVENTS]
      const via = event.via === 'fanout' ? 'fanout' : 'reply'
      if (kind && kind !== via) {
        problems.push(
          `"${event.name}" is "${kind}" in SERVER_EVENTS but sent as ${via} (${event.at})`
        )
      }
      if (event.via !== 'fanout') continue
      sentBy.set(event.name, new Set([...(sentBy.get(event.name) ?? []), ...event.targets]))
    }
    for (const [name, targets] of sentBy) {
      const listed = [...(sse.get(name) ?? [])].sort().join(', ')
      const actual = [...targets].sort().join(', ')
      if (listed !== actual) {
        problems.push(
          `"${name}": the fan-out table sends it to [${actual}], ${SERVER_TABLE} documents SSE delivery [${listed}]`
        )
      }
    }
    for (const [name, spec] of Object.entries(serverEvents)) {
      if (spec.delivery !== 'socket' && !sentBy.has(name)) {
        problems.push(`"${name}" is documented on SSE but the fan-out table never sends it`)
      }
    }
    assert.deepEqual(problems, [])
  })

  test('documents every client event the gateway handles, and handles every one it documents', async ({
    assert,
    cleanup,
  }) => {
    cleanup(attachGateway())
    const { user, token } = await createUserWithToken()
    const organization = await createOrgWith(user)
    const { socket } = await connectAs({ token, organizationId: organization.id })
    const server = gateway.io!.of('/').sockets.get(socket.id!)!
    // Client events are served from one table through a catch-all listener;
    // any listener a socket carries besides it counts too.
    const handled = [
      ...new Set([
        ...Object.keys(socketHandlers),
        ...server
          .eventNames()
          .map(String)
          .filter((name) => !RESERVED.has(name)),
      ]),
    ]
    assert.isAbove(handled.length, 5)
    const { received } = documented()
    const problems = [
      ...handled
        .filter((name) => !received.includes(name))
        .map((name) => `handled but undocumented: "${name}"; add it to ${CLIENT_TABLE}`),
      ...received
        .filter((name) => !handled.includes(name))
        .map((name) => `documented but not handled: "${name}"; remove it from ${CLIENT_TABLE}`),
    ]
    assert.deepEqual(problems, [])
  })
})
