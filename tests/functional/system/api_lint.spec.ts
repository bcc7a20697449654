import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import { spawnChild } from '#tests/helpers/processes'

/*
 * Redocly and Spectral lint /openapi.json (and Spectral /asyncapi.json) with
 * the committed rulesets (redocly.yaml, .spectral.yaml): zero errors and
 * zero warnings. A rule is disabled only in a ruleset, with its reason.
 */

const bin = (name: string) => app.makePath('node_modules', '.bin', name)

async function run(command: string, args: string[]) {
  const child = spawnChild(command, args, {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    REDOCLY_TELEMETRY: 'off',
    REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true',
    NO_COLOR: '1',
  })
  await child.exited
  return { code: child.child.exitCode, output: child.output() }
}

test.group('API documents lint', (group) => {
  let dir: string
  group.setup(async () => {
    dir = await mkdtemp(join(tmpdir(), 'parley-lint-'))
    return () => rm(dir, { recursive: true, force: true })
  })

  test('Redocly finds no error or warning in /openapi.json', async ({ client, assert }) => {
    const file = join(dir, 'openapi.json')
    const response = await client.get('/openapi.json')
    await writeFile(file, JSON.stringify(response.body()))
    const { code, output } = await run(bin('redocly'), [
      'lint',
      file,
      '--config',
      app.makePath('redocly.yaml'),
      '--max-problems',
      '500',
      '--format',
      'stylish',
    ])
    assert.notMatch(output, /\b(error|warning)\b(?! rules)/i, output)
    assert.equal(code, 0, output)
  }).timeout(120_000)

  for (const name of ['openapi.json', 'asyncapi.json']) {
    test(`Spectral finds no error or warning in /${name}`, async ({ client, assert }) => {
      const file = join(dir, name)
      const response = await client.get(`/${name}`)
      await writeFile(file, JSON.stringify(response.body()))
      const { code, output } = await run(bin('spectral'), [
        'lint',
        file,
        '--ruleset',
        app.makePath('.spectral.yaml'),
        '--format',
        'text',
        '--fail-severity',
        'warn',
      ])
      assert.notMatch(output, /\b(error|warning)\b/, output)
      assert.equal(code, 0, output)
    }).timeout(120_000)
  }
})
