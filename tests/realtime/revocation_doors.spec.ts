import { test } from '@japa/runner'
import emitter from '@adonisjs/core/services/emitter'
import db from '@adonisjs/lucid/services/db'
import gateway from '#realtime/gateway'
import User from '#models/user'
import type { SessionsRevoked } from '#events/auth_events'
import { resetDatabase } from '#tests/helpers/database'
import {
  attachGateway,
  closeSockets,
  connectAs,
  nextEvent,
  request,
  serverUrl,
} from '#tests/helpers/sockets'
import {
  anotherToken,
  doors,
  liveSession,
  reconnectRefusal,
  roomChannelDropped,
  scene,
  within,
} from '#tests/helpers/revocation'

/*
 * Every door that ends sessions, on one node (DESIGN.md §4): the affected
 * socket is disconnected and cannot come back to send, the affected SSE
 * stream ends (or loses the organization's channels). The session watch is
 * set to an hour here, so only the revocation itself can end them.
 */

test.group('Revocation on every door, one node', (group) => {
  group.setup(() =>
    attachGateway((config) => ({ ...config, sessions: { revalidateMs: 3_600_000 } }))
  )
  group.each.setup(() => resetDatabase())
  group.each.teardown(() => closeSockets())

  for (const [door, { ends, run }] of Object.entries(doors)) {
    test(`${door} ends the live socket and SSE stream`, async ({ assert, cleanup }) => {
      const s = await scene()
      const session = await liveSession(serverUrl(), s, s.member.token)
      cleanup(session.close)

      await run(serverUrl(), s, s.member.token)

      assert.equal(await session.disconnected, 'io server disconnect')
      if (ends === 'token') {
        assert.isTrue(await within(session.sseClosed, 10_000, 'the SSE stream closing'))
        assert.equal(await reconnectRefusal(session.socket), 'E_UNAUTHORIZED')
      } else {
        assert.deepEqual(await roomChannelDropped(serverUrl(), s, session), ['alive'])
        assert.equal(await reconnectRefusal(session.socket), 'E_NOT_FOUND')
      }
    })
  }

  test('a password change keeps the session that made it', async ({ assert, client }) => {
    const s = await scene()
    const caller = await anotherToken(s.member.user)
    const kept = await connectAs({ token: caller, organizationId: s.org.id })
    const ended = await connectAs({ token: s.member.token, organizationId: s.org.id })
    const gone = new Promise((resolve) => ended.socket.once('disconnect', resolve))

    const response = await client
      .put('/users/me')
      .bearerToken(caller)
      .json({ password: 'a brand new password', currentPassword: 'correct horse battery' })

    response.assertStatus(200)
    assert.equal(await gone, 'io server disconnect')
    const sent = await request(kept.socket, 'send_message', { roomId: s.room.id, content: 'hi' })
    assert.isTrue(sent.ok)
  })

  test('admin token revocation goes through the one revocation', async ({ assert, client }) => {
    const s = await scene()
    const announced: SessionsRevoked[] = []
    const record = (event: SessionsRevoked) => void announced.push(event)
    emitter.on('auth:sessions_revoked', record)
    const admin = await User.query().where('is_admin', true).firstOrFail()
    const spare = await User.adminTokens.create(admin, ['admin'])

    const revoked = await client
      .delete(`/admin/tokens/${spare.identifier}`)
      .bearerToken(s.adminToken)
    emitter.off('auth:sessions_revoked', record)

    revoked.assertStatus(200)
    assert.deepEqual(announced, [
      { kind: 'tokens', userId: admin.id, tokenIds: [String(spare.identifier)] },
    ])
    const refused = await client.get('/admin/health').bearerToken(spare.value!.release())
    refused.assertStatus(401)
  })
})

test.group('Session check before an event', (group) => {
  group.setup(() =>
    attachGateway((config) => ({ ...config, sessions: { revalidateMs: 3_600_000 } }))
  )
  group.each.setup(() => resetDatabase())
  group.each.teardown(() => closeSockets())

  /**
   * Makes the server believe this socket was last checked three hours ago,
   * as if the hourly sweep had stalled twice (no clock is faked: the
   * handshake time is the check time of a socket no sweep has seen).
   */
  function ageSession(socket: { id?: string }) {
    const server = gateway.io!.sockets.sockets.get(socket.id!)!
    server.handshake.issued = Date.now() - 3 * 3_600_000
  }

  test('an event on a long-unchecked socket re-checks it first', async ({ assert }) => {
    const s = await scene()
    const live = await connectAs({ token: s.member.token, organizationId: s.org.id })
    const other = await User.accessTokens.create(s.member.user, ['*'], { name: 'other' })
    const doomed = await connectAs({ token: other.value!.release(), organizationId: s.org.id })
    ageSession(live.socket)
    ageSession(doomed.socket)
    const gone = nextEvent<string>(doomed.socket, 'disconnect')
    await db.from('auth_access_tokens').where('id', String(other.identifier)).delete()

    const kept = await request(live.socket, 'send_message', { roomId: s.room.id, content: 'ok' })
    const refused = await request(doomed.socket, 'send_message', {
      roomId: s.room.id,
      content: 'revoked',
    })

    assert.isTrue(kept.ok)
    assert.equal(!refused.ok && refused.error.code, 'E_UNAUTHORIZED')
    assert.equal(await gone, 'io server disconnect')
    const stored = await db.from('messages').where('room_id', s.room.id).select('id')
    assert.lengthOf(stored, 1)
  })
})
