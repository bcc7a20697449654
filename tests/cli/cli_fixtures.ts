import { readFileSync } from 'node:fs'
import type { Assert } from '@japa/assert'
import { chatctl, chatctlJson, type ChatctlRun, type Mode } from '#tests/helpers/chatctl'
import { validateSchema, type Schema } from '#tests/helpers/json_schema'

/** The committed result schema of a command (`org:create` → schemas/org-create.json). */
export function schemaOf(commandId: string): Schema {
  const file = new URL(`../../schemas/${commandId.replaceAll(':', '-')}.json`, import.meta.url)
  return JSON.parse(readFileSync(file, 'utf8'))
}

/** Asserts a successful --json run and that its envelope matches the command's schema. */
export function assertSuccess(assert: Assert, run: ChatctlRun, commandId: string, status = 0) {
  assert.equal(run.code, status, `exit code of ${commandId}; stderr: ${run.stderr}`)
  assert.deepEqual(validateSchema(schemaOf(commandId), run.json), [], `schema of ${commandId}`)
  assert.equal(run.json.status, status)
  return run.json.result
}

/** Asserts a failed --json run: exit code, error envelope and E_* code. */
export function assertFailure(assert: Assert, run: ChatctlRun, code: string, exitCode: number) {
  assert.deepEqual(validateSchema(schemaOf('error'), run.json), [], `error envelope: ${run.stdout}`)
  assert.equal(run.json.code, code, run.json.message)
  assert.equal(run.json.status, exitCode)
  assert.equal(run.code, exitCode)
}

/**
 * The bootstrap recipe of the README, run for real through local chatctl:
 * a server admin and an admin token for remote mode.
 */
export async function bootstrapAdmin(assert: Assert): Promise<Mode> {
  const local: Mode = { name: 'local' }
  const admin = await chatctlJson(local, [
    'user',
    'create',
    '--email',
    'ops@parley.test',
    '--username',
    'ops',
    '--admin',
  ])
  assertSuccess(assert, admin, 'user:create')
  const token = await chatctlJson(local, ['token', 'create', '--user', 'ops@parley.test'])
  const result = assertSuccess(assert, token, 'token:create')
  return { name: 'remote', token: result.token }
}

/** Both modes, the remote one with a freshly bootstrapped admin token. */
export async function modeFor(name: 'local' | 'remote', assert: Assert): Promise<Mode> {
  return name === 'local' ? { name: 'local' } : bootstrapAdmin(assert)
}

export { chatctl, chatctlJson }
