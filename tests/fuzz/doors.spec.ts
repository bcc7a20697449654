import { test } from '@japa/runner'
import { randomInt } from 'node:crypto'
import fc from 'fast-check'
import app from '@adonisjs/core/services/app'
import type { SocketConfig } from '#config/socket'
import limiter from '@adonisjs/limiter/services/main'
import { resetDatabase } from '#tests/helpers/database'
import {
  attachGateway,
  closeSockets,
  connectAs,
  openSocket,
  type ClientSocket,
} from '#tests/helpers/sockets'
import { removeFixtureFiles, trackFiles } from '#tests/functional/media/media_fixtures'
import {
  buildScene,
  restoreMember,
  snapshot,
  strayFiles,
  tokenFor,
  type Role,
  type Scene,
} from './fuzz_scene.js'
import { draftArb, idSweep, operationsOf, toRequest, type FuzzRequest } from './openapi_requests.js'
import { counters, describe, responseProblems, send } from './raw_http.js'
import { emissionArb, handshakeArb, validPayloads, type Emission } from './socket_payloads.js'
import { Findings, ackProblems, secretsIn, seedFor } from './findings.js'

/*
 * The fuzz suite (issue #12): every operation of /openapi.json and every
 * client→server socket event gets hostile input from a member of
 * organization A, from the owner of organization B (an outsider) and from
 * nobody. Properties: never a 5xx; every answer in the documented shape and
 * matching the document; no internals and nobody else's data in any answer;
 * the process alive and /health 200 afterwards; the rows written before the
 * run unchanged. Everything is drawn from one seed, printed at the start:
 * FUZZ_SEED=<seed> replays a run, FUZZ_RUNS sets the runs per operation and
 * per event, FUZZ_DEBUG=1 prints the time spent on each operation.
 */

const SEED = Number(process.env.FUZZ_SEED ?? randomInt(2 ** 31 - 1))
const RUNS = Number(process.env.FUZZ_RUNS ?? 20)

test.group('Fuzz: hostile input on every door', (group) => {
  let scene: Scene
  let before: string
  const uncaught: unknown[] = []

  group.setup(async () => {
    // The server runs in this process: an error nothing handled would end a
    // production process, so each one is a failure of the liveness property.
    const onUncaught = (error: unknown) => uncaught.push(error)
    process.on('uncaughtException', onUncaught)
    process.on('unhandledRejection', onUncaught)
    await resetDatabase()
    await limiter.clear()
    const closeGateway = attachGateway((config) => ({
      ...config,
      // The per-socket event budget has its own tests; here it would turn most
      // emissions into E_RATE_LIMITED acks before any handler saw the payload.
      limits: { ...config.limits, eventsPerSecond: 100_000, eventBurst: 100_000 },
    }))
    scene = await buildScene()
    for (const org of [scene.orgA, scene.orgB]) trackFiles(org.id)
    for (const who of [scene.member, scene.outsider]) trackFiles('avatars', who.user.id)
    before = await snapshot(scene)
    console.log(
      `fuzz seed: ${SEED} (replay: FUZZ_SEED=${SEED} npm test -- fuzz), ${RUNS} runs per door`
    )
    return async () => {
      process.off('uncaughtException', onUncaught)
      process.off('unhandledRejection', onUncaught)
      closeSockets()
      closeGateway()
      await limiter.clear()
      await removeFixtureFiles()
    }
  })

  test('every operation of /openapi.json answers hostile requests in the documented shape', async ({
    assert,
  }) => {
    const document = (await send({ method: 'GET', path: '/openapi.json' }))!.json as any
    const operations = operationsOf(document)
    assert.isAbove(operations.length, 40)
    const findings = new Findings()
    for (const op of operations) {
      const door = `${op.method} ${op.path}`
      // Each operation starts from the same place: the member back in the
      // shared room, fresh tokens (a fuzzed logout revokes one), no throttle
      // left from the previous operation (the throttles have their own tests).
      await restoreMember(scene)
      await limiter.clear()
      const tokens: Record<Role, string | undefined> = {
        member: await tokenFor(scene, 'member'),
        outsider: await tokenFor(scene, 'outsider'),
        anonymous: undefined,
      }
      const property = fc.asyncProperty(
        draftArb(op, scene, document.components.schemas),
        async (draft) => {
          const request = toRequest(op, draft, tokens[draft.role])
          const problems = await exchange(request, draft.role)
          findings.add(door, draft.role, problems, describe(request))
        }
      )
      const started = Date.now()
      // fast-check counts the examples in numRuns: the random runs come on top.
      const sweep = idSweep(op, scene, document.components.schemas)
      await fc.assert(property, {
        seed: seedFor(SEED, door),
        numRuns: sweep.length + RUNS,
        examples: sweep.map((draft) => [draft]),
      })
      if (process.env.FUZZ_DEBUG) console.log(door, Date.now() - started)
    }
    findings.assertNone(assert, SEED)
  }).timeout(240_000)

  test('every client→server socket event acks hostile payloads in the documented shape', async ({
    assert,
  }) => {
    const findings = new Findings()
    const sockets: Partial<Record<Role, ClientSocket>> = {}
    const errorEvents: unknown[] = []
    const connect = async (role: 'member' | 'outsider') => {
      const org = role === 'member' ? scene.orgA : scene.orgB
      const { socket } = await connectAs({
        token: await tokenFor(scene, role),
        organizationId: org.id,
      })
      socket.on('error', (payload) => errorEvents.push(payload))
      sockets[role] = socket
      return socket
    }
    const valid = validPayloads(scene)
    for (const event of Object.keys(valid) as (keyof typeof valid)[]) {
      await restoreMember(scene)
      for (const role of ['member', 'outsider'] as const) {
        const door = `socket ${event}`
        const property = fc.asyncProperty(emissionArb(event, valid[event]), async (emission) => {
          const socket = sockets[role]?.connected ? sockets[role] : await connect(role)
          const problems = await emit(socket, emission, role)
          findings.add(door, role, problems, `${event} ${preview(emission.args)}`)
        })
        await fc.assert(property, { seed: seedFor(SEED, `${door} ${role}`), numRuns: RUNS })
      }
    }
    for (const payload of errorEvents) {
      const { event, ...error } = payload as { event?: unknown }
      const problems =
        typeof event === 'string'
          ? ackProblems({ ok: false, error })
          : ['error event without its event name']
      findings.add('socket error event', 'member', problems, preview(payload))
    }
    findings.assertNone(assert, SEED)
  }).timeout(120_000)

  test('hostile socket handshakes are refused in the documented shape', async ({ assert }) => {
    const findings = new Findings()
    const token = (await tokenFor(scene, 'member'))!
    const property = fc.asyncProperty(handshakeArb(scene, token), async (auth) => {
      counters.handshakes++
      const socket = openSocket(auth as Record<string, unknown>)
      const outcome = await new Promise<{ error?: any; problem?: string }>((resolve) => {
        const timer = setTimeout(
          () => resolve({ problem: 'no answer to the handshake in 5 s' }),
          5000
        )
        const settle = (result: { error?: any; problem?: string }) => {
          clearTimeout(timer)
          resolve(result)
        }
        socket.once('connected', () => settle({}))
        socket.once('connect_error', (error) => settle({ error }))
        socket.once('disconnect', (reason) =>
          settle({ problem: `dropped during the handshake (${reason})` })
        )
      })
      socket.disconnect()
      // A CONNECT packet over maxHttpBufferSize closes the transport, as any packet does.
      const oversize = Buffer.byteLength(JSON.stringify(auth) ?? '') > packetLimit() - 1024
      const problems = outcome.problem
        ? oversize && outcome.problem.startsWith('dropped')
          ? []
          : [outcome.problem]
        : outcome.error
          ? ackProblems({ ok: false, error: outcome.error.data })
          : []
      findings.add('socket handshake', 'anonymous', problems, preview(auth))
    })
    await fc.assert(property, { seed: seedFor(SEED, 'handshake'), numRuns: RUNS * 2 })
    findings.assertNone(assert, SEED)
  }).timeout(60_000)

  test('afterwards nothing crashed, /health is 200, the data written before is intact and no partial file is left', async ({
    assert,
  }) => {
    console.log(
      `fuzz sent ${counters.http} HTTP requests, ${counters.socketEvents} socket events ` +
        `and ${counters.handshakes} socket handshakes (seed ${SEED})`
    )
    const problems = uncaught.map(
      (error) => `nobody handled (a production process would have exited): ${firstLines(error)}`
    )
    const health = await send({ method: 'GET', path: '/health' })
    if (health?.status !== 200) problems.push(`/health answered ${health?.status}`)
    const [then, now] = [JSON.parse(before), JSON.parse(await snapshot(scene))]
    for (const table of Object.keys(then)) {
      const changed = JSON.stringify(then[table]) !== JSON.stringify(now[table])
      if (changed) problems.push(`seeded ${table} rows changed: ${JSON.stringify(now[table])}`)
    }
    const stray = await strayFiles(scene)
    if (stray.length)
      problems.push(`files no row points at (partial uploads?): ${stray.join(', ')}`)
    if (({} as Record<string, unknown>).polluted !== undefined) {
      problems.push('Object.prototype was polluted')
    }
    assert.deepEqual(problems, [], `seed ${SEED}`)
  })

  /** Sends one fuzzed request and checks the answer (a missing answer is a problem too). */
  async function exchange(request: FuzzRequest, role: Role): Promise<string[]> {
    const response = await send(request).catch((error: Error) => error)
    if (response instanceof Error) return [`the server never answered (${response.message})`]
    if (response)
      return [...responseProblems(request, response), ...secretsIn(scene, role, response.text)]
    const declaredTooLarge = request.partial && request.partial.waitMs > 1000
    return declaredTooLarge
      ? [
          'no answer to a body declared larger than any limit before it was sent ' +
            `(connection closed by ${request.partial?.closedBy})`,
        ]
      : []
  }

  /**
   * Emits one fuzzed event and checks its ack. A packet over the socket's
   * maxHttpBufferSize closes the connection (config/socket.ts): for those,
   * being dropped is the documented answer.
   */
  async function emit(socket: ClientSocket, emission: Emission, role: Role): Promise<string[]> {
    counters.socketEvents++
    const oversize = Buffer.byteLength(JSON.stringify(emission.args) ?? '') > packetLimit() - 1024
    const dropped = new Promise<'dropped'>((resolve) =>
      socket.once('disconnect', () => resolve('dropped'))
    )
    let answer: Promise<unknown>
    if (emission.withAck) {
      answer = (socket.timeout(10_000) as any).emitWithAck(emission.event, ...emission.args)
    } else {
      // Without an ack there is nothing to wait for: a valid event with an ack
      // right behind it tells whether the server is still answering (events of
      // one socket are handled in order).
      ;(socket.emit as any)(emission.event, ...emission.args)
      counters.socketEvents++
      answer = socket.timeout(10_000).emitWithAck('typing_stop', { roomId: scene.sharedRoomId })
    }
    const ack = await Promise.race([answer.catch(() => 'timeout'), dropped])
    if (ack === 'dropped') return oversize ? [] : ['the server dropped the connection']
    if (ack === 'timeout') return ['no ack within 10 s']
    return [...ackProblems(ack), ...secretsIn(scene, role, JSON.stringify(ack))]
  }
})

function firstLines(error: unknown) {
  return String((error as Error)?.stack ?? error)
    .split('\n')
    .slice(0, 3)
    .join(' ')
}

/** The largest Socket.IO packet the server reads (config/socket.ts). */
function packetLimit() {
  return app.config.get<SocketConfig>('socket').maxHttpBufferSize
}

function preview(value: unknown) {
  const text = JSON.stringify(value) ?? String(value)
  return text.length > 200 ? `${text.slice(0, 200)}… (${text.length} chars)` : text
}
