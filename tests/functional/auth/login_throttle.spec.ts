import { test } from '@japa/runner'
import { resetDatabase } from '#tests/helpers/database'
import { startServer, type ServerProcess } from '#tests/helpers/server_process'
import { eventually } from '#tests/helpers/processes'
import { createUserWithToken, TEST_PASSWORD } from '#tests/helpers/users'

/*
 * The failed-login throttle is a throttle, never a lock-out: guesses count
 * per account and client, so an attacker hammering an account from one
 * address never keeps its owner, from another, out; failures from every
 * client only slow the account down. A real server behind a trusted proxy
 * (TRUST_PROXY) tells clients apart by X-Forwarded-For; small limits are set
 * in its environment. It shares the test database, so tables are truncated.
 */

const PER_CLIENT = 3
const SLOWDOWN_AFTER = 6
let server: ServerProcess

function login(client: string, username: string, password: string) {
  return fetch(`${server.url}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': client },
    body: JSON.stringify({ username, password }),
  })
}

/** `count` wrong passwords for `username` from `client`, all 401. */
async function guess(
  assert: { equal(a: unknown, b: unknown): void },
  client: string,
  count = PER_CLIENT
) {
  for (let i = 0; i < count; i++) {
    const response = await login(client, 'owner', `wrong ${client} ${i}`)
    assert.equal(response.status, 401)
  }
}

test.group('Failed-login throttle', (group) => {
  group.setup(async () => {
    server = await startServer({
      TRUST_PROXY: 'true',
      LOG_LEVEL: 'info',
      LOGIN_FAILURES_PER_MINUTE: String(PER_CLIENT),
      LOGIN_SLOWDOWN_AFTER_FAILURES: String(SLOWDOWN_AFTER),
      LOGIN_SLOWDOWN_MS: '50',
    })
    return () => server.stop()
  })
  group.each.setup(() => resetDatabase())
  group.each.teardown(() => {
    if (!server.alive()) throw new Error(`server died:\n${server.output()}`)
  })

  test('the owner still logs in while an attacker hammers the account from another client', async ({
    assert,
  }) => {
    await createUserWithToken({ username: 'owner' })

    await guess(assert, '203.0.113.1')
    const throttled = await login('203.0.113.1', 'owner', 'wrong again')
    assert.equal(throttled.status, 429)
    assert.isAbove(Number(throttled.headers.get('retry-after')), 0)
    assert.deepEqual(await throttled.json(), {
      errors: [{ code: 'E_TOO_MANY_REQUESTS', message: 'Too many requests, retry later' }],
    })
    const attackerWithPassword = await login('203.0.113.1', 'owner', TEST_PASSWORD)
    assert.equal(attackerWithPassword.status, 429)

    const owner = await login('198.51.100.7', 'owner', TEST_PASSWORD)
    assert.equal(owner.status, 200)
    const body = (await owner.json()) as { data: { user: { username: string } } }
    assert.equal(body.data.user.username, 'owner')
  })

  test('failures from many clients slow the account down, and the owner still gets in', async ({
    assert,
  }) => {
    await createUserWithToken({ username: 'owner' })
    const slowed = () => server.output().match(/login slowed down/g)?.length ?? 0
    const before = slowed()
    /** The server's log lines arrive on their own pipe: wait for `count`, then check it exactly. */
    const slowedTimes = async (count: number) => {
      await eventually(
        async () => slowed() >= before + count,
        5000,
        () => `expected ${count} slowed attempts:\n${server.output()}`
      )
      return slowed() - before
    }

    await guess(assert, '203.0.113.1')
    await guess(assert, '203.0.113.2', SLOWDOWN_AFTER - PER_CLIENT)
    assert.equal(slowed(), before, 'no slowdown below the threshold')

    await guess(assert, '203.0.113.3', 1)
    assert.equal(await slowedTimes(1), 1, 'attempts past the threshold are slowed')

    const typo = await login('198.51.100.7', 'owner', 'a typo')
    assert.equal(typo.status, 401)
    const owner = await login('198.51.100.7', 'owner', TEST_PASSWORD)
    assert.equal(owner.status, 200)
    assert.equal(await slowedTimes(3), 3)
  })
})
