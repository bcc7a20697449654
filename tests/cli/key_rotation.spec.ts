import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { test } from '@japa/runner'
import type { ApiClient } from '@japa/api-client'
import db from '@adonisjs/lucid/services/db'
import env from '#start/env'
import User from '#models/user'
import SendMessage from '#actions/messages/send_message'
import { actorFor } from '#services/org_context'
import { reloadKeyring } from '#services/keyring'
import { resetDatabase } from '#tests/helpers/database'
import { spawn } from 'node:child_process'
import { CHATCTL, childEnv, modeArgs, startChatctl, type Mode } from '#tests/helpers/chatctl'
import { assertSuccess, chatctlJson, modeFor } from './cli_fixtures.js'

const V1 = env.get('ENCRYPTION_KEYS').release()

/** An organization bootstrapped with chatctl, a group room and `count` messages in it. */
async function seed(client: ApiClient, count: number) {
  const created = await chatctlJson({ name: 'local' }, [
    'org',
    'create',
    '--name',
    'Acme',
    '--owner-email',
    'ada@acme.test',
  ])
  const orgId = created.json.result.organization.id
  const owner = await User.findByOrFail('email', 'ada@acme.test')
  const accessToken = await User.accessTokens.create(owner)
  const token = accessToken.value!.release()
  const room = await client
    .post('/chat/rooms/group')
    .bearerToken(token)
    .header('x-organization-id', orgId)
    .json({ name: 'general', memberIds: [] })
  room.assertStatus(201)
  const roomId = room.body().data.id
  const actor = await actorFor(owner, orgId)
  const expected: string[] = []
  for (let i = 0; i < count; i++) {
    expected.push(`message ${i} of the general room`)
    await SendMessage.handle(actor, { roomId, content: expected[i] })
  }
  /** Every message body of the room, read through the REST API, oldest first. */
  const read = async () => {
    const response = await client
      .get(`/chat/rooms/${roomId}/messages`)
      .qs({ limit: 100 })
      .bearerToken(token)
      .header('x-organization-id', orgId)
    response.assertStatus(200)
    return response
      .body()
      .data.map((m: { seq: number; content: string }) => [m.seq, m.content])
      .sort((a: number[], b: number[]) => a[0] - b[0])
      .map((pair: [number, string]) => pair[1])
  }
  return { expected, read }
}

/**
 * `key rotate --generate` into a scratch env file, as an operator would into
 * .env; returns the new ENCRYPTION_KEYS value read back from the file.
 */
async function generateVersion(assert: any) {
  const envPath = join(mkdtempSync(join(tmpdir(), 'chatctl-')), '.env')
  const run = await chatctlJson({ name: 'local' }, [
    'key',
    'rotate',
    '--generate',
    '--env-path',
    envPath,
  ])
  const result = assertSuccess(assert, run, 'key:rotate')
  assert.deepInclude(result.generated, { version: 2, envFile: envPath, value: null })
  const line = readFileSync(envPath, 'utf8').match(/^ENCRYPTION_KEYS=(.*)$/m)![1]
  assert.match(line, new RegExp(`^${V1.replace(/[+/]/g, '\\$&')},v2:[A-Za-z0-9+/]{43}=$`))
  return line
}

/** The open re-encryption run's progress, or null. */
async function openRun() {
  const run = await db.from('key_rotation_runs').whereNull('finished_at').first()
  return run ? { id: run.id as string, rowsDone: Number(run.rows_done) } : null
}

async function masterVersions() {
  const rows = await db.from('room_keys').whereNotNull('wrapped_key').distinct('master_version')
  return rows.map((row) => row.master_version)
}

for (const modeName of ['local', 'remote'] as const) {
  test.group(`chatctl ${modeName}: key rotation`, (group) => {
    group.each.setup(async () => {
      await resetDatabase()
      reloadKeyring(V1)
      return () => {
        reloadKeyring(V1)
      }
    })

    test('rotates to a new master version, rewraps, re-encrypts, and every message stays readable', async ({
      assert,
      client,
    }) => {
      const mode = await modeFor(modeName, assert)
      const { expected, read } = await seed(client, 12)
      const keys = await generateVersion(assert)
      assert.deepEqual(await masterVersions(), [1])

      // Every node restarts with the new ENCRYPTION_KEYS: the in-process test
      // server reloads it, the local chatctl child gets it in its environment.
      reloadKeyring(keys)
      const rewrap = assertSuccess(
        assert,
        await chatctlJson(mode, ['key', 'rotate'], { ENCRYPTION_KEYS: keys }),
        'key:rotate'
      )
      assert.deepInclude(rewrap.rotation, { currentVersion: 2, rewrapped: 1, aborted: false })
      assert.isNull(rewrap.rotation.reencryption)
      assert.deepEqual(await masterVersions(), [2])

      // v1 is no longer needed to read anything: drop it everywhere.
      const v2only = keys.split(',')[1]
      reloadKeyring(v2only)
      assert.deepEqual(await read(), expected)

      const reencrypt = assertSuccess(
        assert,
        await chatctlJson(mode, ['key', 'rotate', '--reencrypt'], { ENCRYPTION_KEYS: v2only }),
        'key:rotate'
      )
      assert.deepInclude(reencrypt.rotation.reencryption, {
        resumed: false,
        rooms: 1,
        roomsTotal: 1,
        rows: 12,
        rowsTotal: 12,
      })
      assert.deepEqual(await read(), expected)
      const destroyed = await db.from('room_keys').whereNull('wrapped_key')
      assert.lengthOf(destroyed, 1)

      const status = assertSuccess(
        assert,
        await chatctlJson(mode, ['key', 'status'], { ENCRYPTION_KEYS: v2only }),
        'key:status'
      )
      assert.deepInclude(status, {
        currentVersion: 2,
        versionsInUse: [2],
        missingVersions: [],
        keysPendingRewrap: 0,
        rowsPendingReencryption: 0,
      })
    })

    test('a re-encryption killed half-way resumes to completion', async ({ assert, client }) => {
      const mode: Mode = await modeFor(modeName, assert)
      const { expected, read } = await seed(client, 40)
      const args = ['key', 'rotate', '--reencrypt', '--batch-size', '1', '--pause', '100']
      const { child, done } = startChatctl([...args, ...modeArgs(mode), '--json'])
      let run = await openRun()
      for (let i = 0; i < 400 && !(run && run.rowsDone >= 5); i++) {
        await sleep(25)
        run = await openRun()
      }
      assert.isAtLeast(run!.rowsDone, 5)
      child.kill('SIGKILL')
      const killed = await done
      assert.equal(killed.signal, 'SIGKILL')

      // In remote mode the server notices the closed connection and stops at
      // its next batch: wait until the run's counter stops moving.
      let stopped = await openRun()
      for (let i = 0; i < 50; i++) {
        await sleep(300)
        const again = await openRun()
        if (again!.rowsDone === stopped!.rowsDone) break
        stopped = again
      }
      assert.isBelow(stopped!.rowsDone, 40)
      assert.deepEqual(await read(), expected)

      const resumed = assertSuccess(
        assert,
        await chatctlJson(mode, ['key', 'rotate', '--reencrypt']),
        'key:rotate'
      )
      assert.deepInclude(resumed.rotation.reencryption, {
        runId: stopped!.id,
        resumed: true,
        rooms: 1,
        rows: 40 - stopped!.rowsDone,
      })
      assert.isNull(await openRun())
      const finished = await db.from('key_rotation_runs').where('id', stopped!.id).firstOrFail()
      assert.equal(Number(finished.rows_done), 40)
      assert.deepEqual(await read(), expected)
      const pending = await db.rawQuery(
        `SELECT count(*)::int AS n FROM messages m JOIN room_keys k ON k.id = m.body_key_id
         WHERE k.status = 'retired'`
      )
      assert.equal(pending.rows[0].n, 0)
    })
  })
}

/**
 * Runs chatctl under `script`, which gives it a pseudo-terminal (progress
 * bars are drawn on a terminal only); resolves with everything it drew.
 */
function chatctlOnTerminal(args: string[], extraEnv: Record<string, string> = {}) {
  const command = [CHATCTL, ...args].map((arg) => `'${arg.replaceAll("'", "'\\''")}'`).join(' ')
  const child = spawn('script', ['-qfec', command, '/dev/null'], {
    env: childEnv(extraEnv),
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout.on('data', (chunk) => (output += chunk))
  child.stderr.on('data', (chunk) => (output += chunk))
  return new Promise<{ code: number | null; output: string }>((resolve) =>
    child.once('close', (code) => resolve({ code, output }))
  )
}

test.group('chatctl key rotation progress', (group) => {
  group.each.setup(async () => {
    await resetDatabase()
    reloadKeyring(V1)
  })

  for (const modeName of ['local', 'remote'] as const) {
    test(`draws a progress bar on a terminal in ${modeName} mode`, async ({ assert, client }) => {
      const mode = await modeFor(modeName, assert)
      await seed(client, 30)
      const run = await chatctlOnTerminal([
        'key',
        'rotate',
        '--reencrypt',
        '--batch-size',
        '2',
        '--pause',
        '150',
        ...modeArgs(mode),
      ])
      assert.equal(run.code, 0, run.output)
      // The bar redraws in place; its last frame shows every row done.
      assert.match(run.output, / reencrypt \[[^\]]+\] 30\/30 rows/)
      assert.match(run.output, / reencrypt \[[^\]]+\] ([1-9]|[12]\d)\/30 rows/, 'a frame mid-way')
      const piped = await chatctlJson(mode, ['key', 'rotate', '--reencrypt'])
      assert.notInclude(piped.stdout + piped.stderr, ' rows')
    }).timeout(180_000)
  }
})
