import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import User from '#models/user'
import { resetDatabase } from '#tests/helpers/database'
import { startServer, type ServerProcess } from '#tests/helpers/server_process'
import { flushTestRedis, TEST_REDIS_URL } from '#tests/helpers/redis_server'
import { closeSockets } from '#tests/helpers/sockets'
import {
  doors,
  liveSession,
  reconnectRefusal,
  roomChannelDropped,
  scene,
  within,
} from '#tests/helpers/revocation'

/*
 * Revocation across real Parley processes on one Redis database and the
 * test PostgreSQL database (STYLE.md trap 4: tables are truncated). Nodes A
 * and B re-check sessions only once an hour, so a door used on node A can
 * end a session on node B only through the revocation relay. Node W re-checks
 * every second: the safety net for changes that announce nothing.
 */

const HOUR = '3600'
let nodeA: ServerProcess
let nodeB: ServerProcess
let watcher: ServerProcess

/** Generous bound for the safety net (interval 1 s); never a timing assertion. */
const SAFETY_NET_BOUND = 30_000

test.group('Revocation on every door, across two nodes', (group) => {
  group.setup(async () => {
    await flushTestRedis()
    const env = { REDIS_URL: TEST_REDIS_URL, SESSION_REVALIDATE_SECONDS: HOUR }
    ;[nodeA, nodeB] = await Promise.all([startServer(env), startServer(env)])
    return async () => {
      await Promise.all([nodeA.stop(), nodeB.stop()])
      await flushTestRedis()
    }
  })
  group.each.setup(() => resetDatabase())
  group.each.teardown(() => {
    closeSockets()
    for (const node of [nodeA, nodeB]) {
      if (!node.alive()) throw new Error(`node ${node.port} died:\n${node.output()}`)
    }
  })

  for (const [door, { ends, run }] of Object.entries(doors)) {
    test(`${door} on node A ends the socket and SSE stream on node B`, async ({
      assert,
      cleanup,
    }) => {
      const s = await scene()
      const session = await liveSession(nodeB.url, s, s.member.token)
      cleanup(session.close)

      await run(nodeA.url, s, s.member.token)

      assert.equal(await session.disconnected, 'io server disconnect')
      if (ends === 'token') {
        assert.isTrue(await within(session.sseClosed, 10_000, 'the SSE stream closing'))
        assert.equal(await reconnectRefusal(session.socket), 'E_UNAUTHORIZED')
      } else {
        assert.deepEqual(await roomChannelDropped(nodeB.url, s, session), ['alive'])
        assert.equal(await reconnectRefusal(session.socket), 'E_NOT_FOUND')
      }
    })
  }
})

test.group('Session re-validation (safety net)', (group) => {
  group.setup(async () => {
    watcher = await startServer({ REDIS_URL: TEST_REDIS_URL, SESSION_REVALIDATE_SECONDS: '1' })
    return () => watcher.stop()
  })
  group.each.setup(() => resetDatabase())
  group.each.teardown(() => {
    closeSockets()
    if (!watcher.alive()) throw new Error(`node ${watcher.port} died:\n${watcher.output()}`)
  })

  test('a token deleted in SQL ends its socket and SSE stream within the interval', async ({
    assert,
    cleanup,
  }) => {
    const s = await scene()
    const session = await liveSession(watcher.url, s, s.member.token, SAFETY_NET_BOUND)
    cleanup(session.close)
    const [{ id }] = await db
      .from('auth_access_tokens')
      .where('tokenable_id', s.member.user.id)
      .select('id')

    await db.from('auth_access_tokens').where('id', id).delete()

    assert.equal(await session.disconnected, 'io server disconnect')
    assert.isTrue(await within(session.sseClosed, SAFETY_NET_BOUND, 'the SSE stream closing'))
    assert.equal(await reconnectRefusal(session.socket), 'E_UNAUTHORIZED')
  })

  test('an account deactivated in SQL loses its sessions within the interval', async ({
    assert,
    cleanup,
  }) => {
    const s = await scene()
    const session = await liveSession(watcher.url, s, s.member.token, SAFETY_NET_BOUND)
    cleanup(session.close)

    await User.query().where('id', s.member.user.id).update({ deactivated_at: new Date() })

    assert.equal(await session.disconnected, 'io server disconnect')
    assert.isTrue(await within(session.sseClosed, SAFETY_NET_BOUND, 'the SSE stream closing'))
  })

  test('a membership deleted in SQL drops the socket and the room channel', async ({
    assert,
    cleanup,
  }) => {
    const s = await scene()
    const session = await liveSession(watcher.url, s, s.member.token, SAFETY_NET_BOUND)
    cleanup(session.close)

    await db
      .from('memberships')
      .where('organization_id', s.org.id)
      .where('user_id', s.member.user.id)
      .delete()

    assert.equal(await session.disconnected, 'io server disconnect')
    const heard = await within(
      roomChannelDropped(watcher.url, s, session),
      SAFETY_NET_BOUND,
      'the room channel check'
    )
    assert.deepEqual(heard, ['alive'])
  })
})
