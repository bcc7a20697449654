import { spawn, execFileSync, type ChildProcess } from 'node:child_process'
import { randomBytes, randomUUID } from 'node:crypto'
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import pg from 'pg'
import env from '#start/env'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))

/** The system's PATH, as an admin's shell has it (no node_modules/.bin, system Node first). */
const SYSTEM_PATH = '/usr/local/bin:/usr/bin:/bin'

/** The README's bootstrap recipe: the first `sh` block after its heading, as written. */
function readmeRecipe() {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8')
  const section = readme.slice(readme.indexOf('**Bootstrap recipe**'))
  const block = /```sh\n([\s\S]*?)```/.exec(section)
  if (!block) throw new Error('README.md has no bootstrap recipe block')
  return block[1]
}

/**
 * A fresh checkout: the project's files as git sees them (web/ left out, so
 * `npm start` does not spend a minute building the web client; it reports
 * that and serves the API), no .env, no storage, node_modules linked.
 */
function freshCheckout(cleanup: (fn: () => void) => void) {
  const directory = mkdtempSync(join(tmpdir(), 'parley-recipe-'))
  cleanup(() => rmSync(directory, { recursive: true, force: true }))
  const files = execFileSync('git', ['ls-files', '-co', '--exclude-standard', '-z'], {
    cwd: ROOT,
    encoding: 'utf8',
  })
    .split('\0')
    .filter((file) => file && !file.startsWith('web/') && existsSync(join(ROOT, file)))
  for (const file of files) {
    mkdirSync(dirname(join(directory, file)), { recursive: true })
    cpSync(join(ROOT, file), join(directory, file))
  }
  symlinkSync(join(ROOT, 'node_modules'), join(directory, 'node_modules'))
  const home = join(directory, 'home')
  mkdirSync(home)
  return { directory, home }
}

/** `npm start` in the checkout, in its own process group; resolves once it is ready. */
async function npmStart(cwd: string, environment: Record<string, string>) {
  const child = spawn('npm', ['start'], {
    cwd,
    env: environment,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout!.on('data', (chunk) => (output += chunk))
  child.stderr!.on('data', (chunk) => (output += chunk))
  await new Promise<void>((resolve, reject) => {
    const check = () => {
      if (output.includes('parley: ready in')) resolve()
    }
    child.stdout!.on('data', check)
    child.once('exit', (code) => reject(new Error(`npm start exited (${code}):\n${output}`)))
  })
  return { child, output: () => output }
}

/** Stops the process group npm start made (npm, the server, the embedded database). */
async function stop(child: ChildProcess) {
  if (child.exitCode !== null) return
  const exited = new Promise((resolve) => child.once('exit', resolve))
  process.kill(-child.pid!, 'SIGTERM')
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 15_000))])
  if (child.exitCode === null) process.kill(-child.pid!, 'SIGKILL')
}

/** Runs the recipe with `sh -e` in the checkout, as the admin would paste it. */
function runRecipe(cwd: string, environment: Record<string, string>) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn('sh', ['-e', '-c', readmeRecipe()], { cwd, env: environment })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk) => (stdout += chunk))
    child.stderr.on('data', (chunk) => (stderr += chunk))
    child.once('close', (code) => resolve({ code, stdout, stderr }))
  })
}

/** What every step of the recipe must have printed, and the saved profile. */
function assertRecipeWorked(
  assert: import('@japa/assert').Assert,
  run: { code: number | null; stdout: string; stderr: string },
  home: string,
  server: string
) {
  assert.equal(run.code, 0, `${run.stdout}\n${run.stderr}`)
  assert.notMatch(run.stderr, /^\s+at /m, 'no stack trace')
  assert.match(run.stdout, /Set-password link for ada@acme\.example .*\n.*\/reset-password\/\S+/)
  assert.match(run.stdout, /bob@acme\.example\s+member\s+\S+\s+\S*\/invites\/\S+/)
  const json = JSON.parse(run.stdout.slice(run.stdout.lastIndexOf('\n{\n') + 1))
  assert.equal(json.status, 0)
  assert.deepEqual(
    json.result.map((m: { user: { username: string }; role: string }) => [m.user.username, m.role]),
    [['ada', 'owner']]
  )
  const profiles = join(home, '.config', 'chatctl', 'profiles.json')
  assert.equal(statSync(profiles).mode & 0o777, 0o600)
  const saved = JSON.parse(readFileSync(profiles, 'utf8'))
  assert.equal(saved.current, 'default')
  assert.equal(saved.profiles.default.url, server)
  assert.match(saved.profiles.default.token, /^pla_/)
}

test.group('README bootstrap recipe, verbatim, against npm start', () => {
  test('on the embedded database (a fresh install)', async ({ assert, cleanup }) => {
    const { directory, home } = freshCheckout(cleanup)
    const port = env.get('PORT') + 11
    const environment = {
      PATH: SYSTEM_PATH,
      HOME: home,
      PORT: String(port),
      EMBEDDED_DB_PORT: String(env.get('PORT') + 12),
    }
    const server = await npmStart(directory, environment)
    cleanup(() => stop(server.child))
    assert.isTrue(existsSync(join(directory, '.env')), 'npm start wrote .env')

    const run = await runRecipe(directory, environment)
    assertRecipeWorked(assert, run, home, `http://127.0.0.1:${port}`)
    assert.include(server.output(), 'embedded PostgreSQL on 127.0.0.1:')
  }).timeout(600_000)

  test('on PostgreSQL from DATABASE_URL', async ({ assert, cleanup }) => {
    const { directory, home } = freshCheckout(cleanup)
    const name = `parley_recipe_${randomUUID().slice(0, 8)}`
    await db.rawQuery(`CREATE DATABASE ${name}`)
    cleanup(() => db.rawQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).then(() => {}))
    const port = env.get('PORT') + 13
    const environment = {
      PATH: SYSTEM_PATH,
      HOME: home,
      PORT: String(port),
      // NODE_ENV, HOST and LOG_LEVEL are left unset: they default to a fresh .env's.
      DATABASE_URL: `postgres://postgres@127.0.0.1:5432/${name}`,
      APP_KEY: randomBytes(32).toString('base64url'),
      ENCRYPTION_KEYS: `v1:${randomBytes(32).toString('base64')}`,
    }
    const server = await npmStart(directory, environment)
    cleanup(() => stop(server.child))
    assert.isFalse(existsSync(join(directory, '.env')), 'no .env with an external database')

    const run = await runRecipe(directory, environment)
    assertRecipeWorked(assert, run, home, `http://127.0.0.1:${port}`)
    // The recipe wrote to the server's database, the one DATABASE_URL names.
    const client = new pg.Client({ connectionString: environment.DATABASE_URL })
    await client.connect()
    const rows = await client.query("SELECT slug FROM organizations WHERE slug = 'acme'")
    await client.end()
    assert.lengthOf(rows.rows, 1)
  }).timeout(600_000)
})
