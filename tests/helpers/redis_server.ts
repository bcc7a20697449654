import { Redis } from 'ioredis'
import { eventually, freePort, spawnChild, stopChild } from '#tests/helpers/processes'

/*
 * Redis for the tests. The machine's shared Redis is used through one
 * database (TEST_REDIS_URL, flushed by the suite that uses it); a test that
 * must stop or restart Redis runs its own redis-server instead, without
 * persistence, so a restart starts empty as after a crash.
 */

/** The shared Redis database of the multi-node suite. */
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/1'

/** Empties the test Redis database (FLUSHDB of that database only, never FLUSHALL). */
export async function flushTestRedis(url = TEST_REDIS_URL) {
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 })
  client.on('error', () => {})
  try {
    await client.connect()
    await client.flushdb()
  } finally {
    client.disconnect()
  }
}

/** A private redis-server: its URL, and how to kill, restart, pause and stop it. */
export interface RedisServer {
  url: string
  /** Kills it (SIGKILL): every connection drops, everything in it is lost. */
  kill(): Promise<void>
  /** Starts it again on the same port, empty. */
  start(): Promise<void>
  /** SIGSTOP / SIGCONT: connections stay open, nothing answers (a stall). */
  pause(): void
  resume(): void
  stop(): Promise<void>
}

async function ping(url: string) {
  const client = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  })
  client.on('error', () => {})
  try {
    await client.connect()
    return (await client.ping()) === 'PONG'
  } finally {
    client.disconnect()
  }
}

/** Spawns `redis-server` on a free port of the test range and waits for PING. */
export async function startRedisServer(): Promise<RedisServer> {
  const port = await freePort()
  const url = `redis://127.0.0.1:${port}`
  let current: ReturnType<typeof spawnChild> | undefined
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no']
  const server: RedisServer = {
    url,
    async start() {
      current = spawnChild('redis-server', [...args, '--daemonize', 'no'], process.env)
      const { output } = current
      await eventually(
        () => ping(url),
        10_000,
        () => `redis-server did not start:\n${output()}`
      )
    },
    async kill() {
      if (!current) return
      current.child.kill('SIGCONT')
      current.child.kill('SIGKILL')
      await current.exited
      current = undefined
    },
    pause: () => current?.child.kill('SIGSTOP'),
    resume: () => current?.child.kill('SIGCONT'),
    async stop() {
      if (!current) return
      current.child.kill('SIGCONT')
      await stopChild(current.child, current.exited, 5_000)
      current = undefined
    },
  }
  await server.start()
  return server
}
