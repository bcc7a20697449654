import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { test } from '@japa/runner'
import pg from 'pg'
import { io as ioClient, type Socket } from 'socket.io-client'
import env from '#start/env'
import { APP_ROOT, eventually, freePort, spawnChild, stopChild } from '#tests/helpers/processes'
import { flushTestRedis, TEST_REDIS_URL } from '#tests/helpers/redis_server'

/*
 * The production build (docs/deploy.md): `npm run build` into a temporary
 * folder, `npm ci --omit=dev` there (no TypeScript loader, no Vite, no Node
 * package: the plain Node 24 binary runs it), migrations through the built
 * ace, the built server against PostgreSQL (a database of its own) and
 * Redis, and a smoke flow through it: register, create an organization and
 * a room, send over Socket.IO, read the history over REST. The built
 * chatctl runs too. A node without its keys refuses to start.
 */

const NODE = process.execPath
/** The temporary build folder (made in the group's setup). */
let OUT = ''
const DATABASE = `${env.get('DB_DATABASE')}_build`
let migrated = { code: null as number | null, output: '' }
const KEYS = {
  APP_KEY: 'build-test-app-key-not-secret-0123456789',
  ENCRYPTION_KEYS: 'v1:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=',
}

/** Runs a command to its end; resolves with its exit code and output. */
function run(command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }) {
  return new Promise<{ code: number | null; output: string }>((resolve, reject) => {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    child.stdout.on('data', (chunk) => (output += chunk))
    child.stderr.on('data', (chunk) => (output += chunk))
    child.once('error', reject)
    child.once('close', (code) => resolve({ code, output }))
  })
}

/** Only what a production host has: Node 24 first on PATH, no test settings. */
function productionEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    PATH: `${dirname(NODE)}:/usr/local/bin:/usr/bin:/bin`,
    HOME: process.env.HOME,
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: 'info',
    DB_HOST: env.get('DB_HOST'),
    DB_PORT: String(env.get('DB_PORT') ?? 5432),
    DB_USER: env.get('DB_USER'),
    DB_PASSWORD: env.get('DB_PASSWORD') ?? '',
    DB_DATABASE: DATABASE,
    REDIS_URL: TEST_REDIS_URL,
    ...extra,
  }
}

async function postgres(statement: string) {
  const client = new pg.Client({
    host: env.get('DB_HOST'),
    port: env.get('DB_PORT') ?? 5432,
    user: env.get('DB_USER'),
    password: env.get('DB_PASSWORD') || undefined,
    database: 'postgres',
  })
  await client.connect()
  try {
    await client.query(statement)
  } finally {
    await client.end()
  }
}

/** Starts the built server; resolves once /health answers. */
async function startBuiltServer() {
  const port = await freePort()
  const spawned = spawnChild(
    NODE,
    ['bin/server.js'],
    productionEnv({ ...KEYS, PORT: String(port) }),
    OUT
  )
  const url = `http://127.0.0.1:${port}`
  await eventually(
    async () => {
      if (spawned.child.exitCode !== null) return true
      const health = await fetch(`${url}/health`)
      return health.status === 200
    },
    60_000,
    () => `built server did not start:\n${spawned.output()}`
  )
  if (spawned.child.exitCode !== null) throw new Error(`built server exited:\n${spawned.output()}`)
  return { url, output: spawned.output, stop: () => stopChild(spawned.child, spawned.exited) }
}

async function api(
  url: string,
  method: string,
  path: string,
  token?: string,
  body?: unknown,
  orgId?: string
) {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(orgId ? { 'x-organization-id': orgId } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  return { status: response.status, body: (await response.json()) as any }
}

test.group('Production build', (group) => {
  group.setup(async () => {
    OUT = mkdtempSync(join(tmpdir(), 'parley-build-'))
    const built = await run(NODE, ['--import=@poppinss/ts-exec', 'bin/build.ts', OUT], {
      cwd: APP_ROOT,
      env: process.env,
    })
    if (built.code !== 0) throw new Error(`npm run build failed:\n${built.output}`)
    const installed = await run(
      'npm',
      ['ci', '--omit=dev', '--no-audit', '--no-fund', '--prefer-offline'],
      { cwd: OUT, env: productionEnv() }
    )
    if (installed.code !== 0) throw new Error(`npm ci --omit=dev failed:\n${installed.output}`)
    await postgres(`DROP DATABASE IF EXISTS "${DATABASE}" WITH (FORCE)`)
    await postgres(`CREATE DATABASE "${DATABASE}"`)
    migrated = await run(NODE, ['ace', 'migration:run', '--force'], {
      cwd: OUT,
      env: productionEnv(KEYS),
    })
    return async () => {
      rmSync(OUT, { recursive: true, force: true })
      await postgres(`DROP DATABASE IF EXISTS "${DATABASE}" WITH (FORCE)`)
    }
  })

  test('installs without devDependencies and runs migrations with plain node', async ({
    assert,
  }) => {
    for (const devOnly of [
      '@poppinss/ts-exec',
      'vite',
      'node',
      'eslint',
      'oclif',
      'playwright-core',
    ]) {
      assert.isFalse(existsSync(join(OUT, 'node_modules', devOnly)), `${devOnly} is installed`)
    }
    for (const entry of ['bin/server.js', 'ace.js', 'bin/chatctl.js', 'public/index.html']) {
      assert.isTrue(existsSync(join(OUT, entry)), `${entry} is missing from the build`)
    }
    assert.equal(migrated.code, 0, migrated.output)
    assert.include(migrated.output, 'create_users_table')
  })

  test('serves the smoke flow: register, organization, Socket.IO send, REST history', async ({
    assert,
    cleanup,
  }) => {
    await flushTestRedis()
    const server = await startBuiltServer()
    cleanup(() => server.stop())

    const page = await fetch(`${server.url}/`)
    assert.equal(page.status, 200)
    assert.include(await page.text(), '<script')

    const registered = await api(server.url, 'POST', '/auth/register', undefined, {
      email: 'built@example.com',
      username: 'built',
      password: 'correct horse battery',
    })
    assert.equal(registered.status, 201, JSON.stringify(registered.body))
    const token = registered.body.data.token
    const org = await api(server.url, 'POST', '/organizations', token, { name: 'Built' })
    assert.equal(org.status, 201, JSON.stringify(org.body))
    const orgId = org.body.data.id
    const room = await api(
      server.url,
      'POST',
      '/chat/rooms/group',
      token,
      { name: 'general', memberIds: [] },
      orgId
    )
    assert.equal(room.status, 201, JSON.stringify(room.body))
    const roomId = room.body.data.id

    const socket: Socket = ioClient(server.url, {
      auth: { token, organizationId: orgId },
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
    })
    cleanup(() => {
      socket.disconnect()
    })
    await new Promise<void>((resolve, reject) => {
      socket.once('connected', () => resolve())
      socket.once('connect_error', reject)
    })
    const ack = await socket.timeout(10_000).emitWithAck('send_message', {
      roomId,
      content: 'hello from the build',
    })
    assert.isTrue(ack.ok, JSON.stringify(ack))

    const history = await api(
      server.url,
      'GET',
      `/chat/rooms/${roomId}/messages`,
      token,
      undefined,
      orgId
    )
    assert.equal(history.status, 200, JSON.stringify(history.body))
    assert.deepEqual(
      history.body.data.map((message: any) => message.content),
      ['hello from the build']
    )
  }).timeout(120_000)

  test('runs the built chatctl with plain node', async ({ assert }) => {
    const help = await run(NODE, ['bin/chatctl.js', '--help'], { cwd: OUT, env: productionEnv() })
    assert.equal(help.code, 0, help.output)
    assert.include(help.output, 'org')
    assert.include(help.output, '$ chatctl config check', 'the built help class')
    const status = await run(NODE, ['bin/chatctl.js', 'db', 'status'], {
      cwd: OUT,
      env: productionEnv(KEYS),
    })
    assert.equal(status.code, 0, status.output)
    assert.match(status.output, /create_users_table\s+migrated/)
  })

  test('a node without APP_KEY and ENCRYPTION_KEYS refuses to start and names them', async ({
    assert,
  }) => {
    const server = await run(NODE, ['bin/server.js'], {
      cwd: OUT,
      env: productionEnv({ PORT: String(await freePort()) }),
    })
    assert.notEqual(server.code, 0)
    assert.include(server.output, 'APP_KEY')
    assert.include(server.output, 'ENCRYPTION_KEYS')

    // The start script invents keys only for the embedded database: with an
    // external one and no .env it stops and says what to set (were it to
    // invent them, it would write .env and serve).
    const start = spawnChild(
      NODE,
      ['bin/start.js'],
      productionEnv({ PORT: String(await freePort()) }),
      OUT
    )
    await eventually(
      async () => start.child.exitCode !== null || existsSync(join(OUT, '.env')),
      60_000,
      () => `bin/start.js neither stopped nor wrote .env:\n${start.output()}`
    )
    await stopChild(start.child, start.exited)
    assert.isFalse(existsSync(join(OUT, '.env')), `bin/start.js wrote a .env:\n${start.output()}`)
    assert.equal(start.child.exitCode, 1, start.output())
    assert.include(start.output(), 'APP_KEY and ENCRYPTION_KEYS are not set')
  })
})
