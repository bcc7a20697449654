import { readFileSync, existsSync } from 'node:fs'
import { test } from '@japa/runner'
import { COMMANDS } from '../../commands/index.js'
import { OPERATION_ROUTES } from '#admin/operation_routes'
import { OPERATIONS } from '#admin/operations'
import { chatctl } from '#tests/helpers/chatctl'
import { commandSnapshot } from './cli_contract.js'
import { TOPIC_EXAMPLES } from '../../commands/help.js'

test.group('chatctl contract', () => {
  test('the flags of every command match the committed command-snapshot.json', ({ assert }) => {
    const committed = JSON.parse(
      readFileSync(new URL('../../command-snapshot.json', import.meta.url), 'utf8')
    )
    assert.deepEqual(commandSnapshot(), committed)
  })

  test('every command has a committed JSON schema, a summary and examples', ({ assert }) => {
    for (const [id, command] of Object.entries(COMMANDS)) {
      const file = new URL(`../../schemas/${id.replaceAll(':', '-')}.json`, import.meta.url)
      assert.isTrue(existsSync(file), `schemas/${id.replaceAll(':', '-')}.json`)
      assert.isString(command.summary, id)
      assert.isAbove(command.examples?.length ?? 0, 0, id)
      assert.isTrue(command.enableJsonFlag, id)
    }
  })

  test('every admin operation has its command, and the REST routes follow the route table', ({
    assert,
  }) => {
    const served = new Set(
      Object.entries(COMMANDS).flatMap(
        ([id, command]) => (command as { operations?: string[] }).operations ?? [id]
      )
    )
    for (const [id, route] of Object.entries(OPERATION_ROUTES)) {
      assert.isTrue(served.has(id), `no command runs operation ${id}`)
      assert.deepInclude(OPERATIONS[id], route)
    }
  })

  test('destructive verbs require --confirm', ({ assert }) => {
    const destructive = Object.entries(COMMANDS).filter(
      ([, command]) => 'confirm' in (command.flags ?? {})
    )
    assert.deepEqual(destructive.map(([id]) => id).sort(), [
      'bot:delete',
      'bot:key:revoke',
      'command:delete',
      'invite:revoke',
      'member:ban',
      'member:remove',
      'org:delete',
      'room:archive',
      'room:members:remove',
      'token:revoke',
      'user:deactivate',
      'user:delete',
      'user:reset-2fa',
      'user:reset-password',
      'webhook:delete',
      'webhook:incoming:delete',
    ])
  })

  test('--help lists the topics without loading the application', async ({ assert }) => {
    const run = await chatctl(['--help'], { DB_HOST: '203.0.113.1', ENCRYPTION_KEYS: '' })
    assert.equal(run.code, 0, run.stderr)
    for (const topic of [
      'org',
      'user',
      'member',
      'invite',
      'room',
      'key',
      'plugin',
      'db',
      'token',
      'signup',
      'config',
      'auth',
    ]) {
      assert.match(run.stdout, new RegExp(`^  ${topic} `, 'm'))
    }
    assert.include(run.stdout, 'health')
    const topics = Object.keys(
      JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).oclif.topics
    )
    const examples = run.stdout.slice(run.stdout.indexOf('\nEXAMPLES\n'))
    for (const topic of [...topics, 'health']) {
      assert.match(examples, new RegExp(`^  ${topic} +\\$ chatctl ${topic} `, 'm'), topic)
      assert.isDefined(TOPIC_EXAMPLES[topic], topic)
    }
    for (const example of Object.values(TOPIC_EXAMPLES)) {
      const [topic, verb] = example.split(' ').slice(1)
      const id = topic === 'health' ? 'health' : `${topic}:${verb}`
      assert.property(COMMANDS, id, `root example ${example}`)
    }
    const help = await chatctl(['key', 'rotate', '--help'])
    assert.include(help.stdout, 'Exit codes: 0 success')
    assert.include(help.stdout, '$ chatctl key rotate --generate')
  })
})
