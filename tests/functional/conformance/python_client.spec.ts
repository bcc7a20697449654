import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import { spawnChild } from '#tests/helpers/processes'
import { attachGateway, serverUrl } from '#tests/helpers/sockets'
import { ackProblems, socketEventProblems, sseProblems } from '#tests/helpers/asyncapi'
import { resetDatabase } from '#tests/helpers/database'

/*
 * Conformance with a client nobody here wrote: Debian's python3-socketio and
 * python3-requests, driven by tests/conformance/conformance.py, which knows
 * Parley only through /openapi.json, /asyncapi.json and docs/client.md.
 * Debian's packages live in /usr/bin/python3's dist-packages (.ci/run
 * installs them when missing), so that interpreter runs the script, whatever
 * other python3 comes first on PATH.
 */

const PYTHON = '/usr/bin/python3'

interface Report {
  steps: { step: string; ok: boolean; error?: string; trace?: string }[]
  events: { name: string; args: unknown[] }[]
  sse: { channel: string; payload: { event: string; data: unknown } }[]
}

test.group('Python client conformance', (group) => {
  group.each.setup(() => resetDatabase())

  test('a python-socketio + requests client does everything from the published documents', async ({
    assert,
    cleanup,
  }) => {
    cleanup(attachGateway())
    const dir = await mkdtemp(join(tmpdir(), 'parley-conformance-'))
    cleanup(() => rm(dir, { recursive: true, force: true }))
    const out = join(dir, 'report.json')
    const script = app.makePath('tests/conformance/conformance.py')
    const run = spawnChild(PYTHON, [script, serverUrl(), out], {
      PATH: process.env.PATH,
      PYTHONDONTWRITEBYTECODE: '1',
    })
    await run.exited
    const report: Report = JSON.parse(await readFile(out, 'utf8').catch(() => '{"steps":[]}'))
    const failed = report.steps.filter((step) => !step.ok)
    assert.deepEqual(failed, [], run.output())
    assert.equal(run.child.exitCode, 0, run.output())
    assert.deepEqual(
      report.steps.map((step) => step.step),
      [
        "register the first account (the server's admin)",
        'create an organization',
        'invite by email, register with the invited address, accept',
        'open a DM and a group room',
        'connect over Socket.IO with the token in auth',
        'a bad token is refused with E_UNAUTHORIZED',
        'live message in the DM, acked after commit, one payload argument',
        'a retried send with the same clientMessageId returns the stored message',
        'typing reaches the other member',
        'read receipts',
        'errors come back in the ack with a code',
        'disconnect, miss messages and an edit, catch up with sync exactly once',
        'SSE stream on a room channel',
        'no undocumented event, every handler got one argument',
      ]
    )

    // What the Python client received, checked against /asyncapi.json here too.
    const problems: string[] = []
    for (const event of report.events) {
      problems.push(
        ...(event.name.endsWith('.ack')
          ? ackProblems(event.name.slice(0, -'.ack'.length), event.args[0])
          : socketEventProblems(event.name, event.args))
      )
    }
    for (const message of report.sse)
      problems.push(...sseProblems(message.channel, message.payload))
    assert.deepEqual(problems, [])
    const names = new Set(report.events.map((event) => event.name))
    for (const name of ['connected', 'new_message', 'user_typing', 'message_read', 'sync.ack']) {
      assert.isTrue(names.has(name), `the Python client received ${name}`)
    }
    assert.isAbove(report.sse.length, 1)
  }).timeout(120_000)
})
