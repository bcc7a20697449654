import { randomUUID } from 'node:crypto'
import { test } from '@japa/runner'
import type { MessageObject } from '#transformers/message_transformer'
import { resetDatabase } from '#tests/helpers/database'
import { startServer, type ServerProcess } from '#tests/helpers/server_process'
import { eventually, freePort } from '#tests/helpers/processes'
import { flushTestRedis, TEST_REDIS_URL } from '#tests/helpers/redis_server'
import { createMemberWithToken, createOrgWith, createUserWithToken } from '#tests/helpers/users'
import { closeSockets, connectAt, groupRoom, request } from '#tests/helpers/sockets'

/*
 * The Prometheus endpoint (docs/deploy.md, Metrics) of a real node: its own
 * port, a bearer token, and series that move with the traffic the test makes.
 */

const TOKEN = `metrics-${randomUUID()}`
let node: ServerProcess
let metricsUrl: string

type Series = Map<string, number>

/** Parses the text format into `name{labels}` → value (labels as Prometheus prints them). */
function parse(text: string): Series {
  const series: Series = new Map()
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue
    const cut = line.lastIndexOf(' ')
    series.set(line.slice(0, cut), Number(line.slice(cut + 1)))
  }
  return series
}

async function scrape(): Promise<{ text: string; series: Series }> {
  const response = await fetch(metricsUrl, { headers: { authorization: `Bearer ${TOKEN}` } })
  if (response.status !== 200) throw new Error(`scrape answered ${response.status}`)
  const text = await response.text()
  return { text, series: parse(text) }
}

const value = (series: Series, key: string) => series.get(key) ?? 0

test.group('Metrics', (group) => {
  group.setup(async () => {
    await flushTestRedis()
    await resetDatabase()
    const port = await freePort()
    node = await startServer({
      REDIS_URL: TEST_REDIS_URL,
      METRICS_PORT: String(port),
      METRICS_TOKEN: TOKEN,
    })
    metricsUrl = `http://127.0.0.1:${port}/metrics`
    // The listener opens once the node is ready, a little after /health first answers.
    await eventually(
      async () => {
        const response = await fetch(metricsUrl)
        return response.status > 0
      },
      30_000,
      () => `no metrics listener on ${port}:\n${node.output()}`
    )
    return async () => {
      closeSockets()
      await node.stop()
      await flushTestRedis()
    }
  })

  test('a scrape without the token is refused, and the public port serves no metrics', async ({
    assert,
  }) => {
    const anonymous = await fetch(metricsUrl)
    assert.equal(anonymous.status, 401)
    assert.deepEqual(await anonymous.json(), {
      errors: [{ code: 'E_UNAUTHORIZED', message: 'A valid metrics token is required' }],
    })
    const wrong = await fetch(metricsUrl, { headers: { authorization: 'Bearer not-the-token' } })
    assert.equal(wrong.status, 401)
    const publicPort = await fetch(`${node.url}/metrics`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    })
    assert.equal(publicPort.status, 404)
  })

  test('the series move with sends, requests, sockets and streams', async ({ assert }) => {
    const owner = await createUserWithToken()
    const org = await createOrgWith(owner.user)
    const member = await createMemberWithToken(org)
    const room = await groupRoom(org, owner.user, [member.user])
    const first = await scrape()
    const before = first.series

    const { socket } = await connectAt(node.url, { token: owner.token, organizationId: org.id })
    const stream = await fetch(`${node.url}/__transmit/events?uid=${randomUUID()}`, {
      headers: { authorization: `Bearer ${member.token}` },
    })
    const answers = await Promise.all(
      [1, 2, 3, 4, 5].map((n) =>
        request<MessageObject>(socket, 'send_message', { roomId: room.id, content: `m${n}` })
      )
    )
    assert.isTrue(answers.every((answer) => answer.ok))
    const headers = { 'authorization': `Bearer ${owner.token}`, 'x-organization-id': org.id }
    for (let n = 0; n < 2; n++) {
      const page = await fetch(`${node.url}/chat/rooms/${room.id}/messages`, { headers })
      assert.equal(page.status, 200)
    }
    const scraped = await scrape()
    const { text, series: after } = scraped
    await stream.body?.cancel()
    const delta = (key: string) => value(after, key) - value(before, key)

    assert.equal(delta('parley_messages_sent_total'), 5)
    assert.equal(delta('parley_group_commit_batch_size_sum'), 5)
    assert.isAtLeast(delta('parley_group_commit_batch_size_count'), 1)
    assert.equal(delta('parley_fanout_deliveries_total{transport="socket",event="new_message"}'), 5)
    assert.equal(delta('parley_fanout_deliveries_total{transport="sse",event="new_message"}'), 5)
    const route = 'method="GET",route="/chat/rooms/:roomId/messages",status="200"'
    assert.equal(delta(`parley_http_request_duration_seconds_count{${route}}`), 2)
    assert.notInclude(text, room.id, 'no id in any label')
    assert.equal(value(after, 'parley_socket_connections'), 1)
    assert.equal(value(after, 'parley_sse_streams'), 1)
    assert.isAtLeast(
      value(after, 'parley_db_pool_connections{state="used"}') +
        value(after, 'parley_db_pool_connections{state="free"}'),
      1
    )
    assert.equal(value(after, 'parley_redis_up{client="socket.io"}'), 1)
    assert.isTrue(after.has('parley_job_queue_jobs{queue="notifications.cleanup",state="queued"}'))
    assert.include(text, '# TYPE parley_job_failures_total counter')
    assert.isTrue(after.has('nodejs_eventloop_lag_seconds'))
    assert.isAbove(value(after, 'process_resident_memory_bytes'), 0)
  })
})
