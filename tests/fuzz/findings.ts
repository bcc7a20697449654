import type { Assert } from '@japa/assert'
import type { Role, Scene } from './fuzz_scene.js'

/*
 * What the fuzz suite found. A property records its problems instead of
 * stopping at the first one, so a run lists every door that misbehaves (one
 * example request per door, role and kind of problem); the test fails at the
 * end with the list and the seed that replays it.
 */

/** A seed per door, derived from the run's seed: a door replays the same whatever runs before it. */
export function seedFor(seed: number, door: string) {
  let hash = 2166136261 ^ seed
  for (const char of door) hash = Math.imul(hash ^ char.charCodeAt(0), 16777619)
  return hash >>> 0
}

/** Problems found, one example per door, caller and kind of problem. */
export class Findings {
  #examples = new Map<string, string>()
  #counts = new Map<string, number>()

  add(door: string, role: Role, problems: string[], request: string) {
    for (const problem of problems) {
      const key = `${door} as ${role}: ${kindOf(problem)}`
      this.#counts.set(key, (this.#counts.get(key) ?? 0) + 1)
      if (!this.#examples.has(key)) this.#examples.set(key, `${problem}\n      e.g. ${request}`)
    }
  }

  /** Fails the test with every finding (and the seed), or passes when there is none. */
  assertNone(assert: Assert, seed: number) {
    const lines = [...this.#examples].map(
      ([key, example]) => `- ${key} (${this.#counts.get(key)}×)\n      ${example}`
    )
    if (lines.length) {
      assert.fail(
        `${lines.length} fuzz finding(s), seed ${seed} (FUZZ_SEED=${seed}):\n${lines.join('\n')}`
      )
    }
  }
}

/** A problem without its variable parts, to group repeats of one bug. */
function kindOf(problem: string) {
  return problem
    .split(':')[0]
    .replace(/\d{3,}/g, 'N')
    .slice(0, 80)
}

/** The documented ack shape: `{ ok: true, data }` or `{ ok: false, error: { code, message, field? } }`. */
export function ackProblems(ack: unknown): string[] {
  if (!ack || typeof ack !== 'object') return [`ack is not an object: ${String(ack)}`]
  const { ok, data, error } = ack as { ok?: unknown; data?: unknown; error?: any }
  if (ok === true) return data === undefined ? ['ok ack without data'] : []
  if (ok !== false) return [`ack without ok: ${JSON.stringify(ack).slice(0, 200)}`]
  if (!error || typeof error !== 'object') return ['error ack without error']
  const problems: string[] = []
  if (typeof error.code !== 'string' || !/^E_[A-Z0-9_]+$/.test(error.code)) {
    problems.push(`error code not E_*: ${JSON.stringify(error.code)}`)
  }
  if (error.code === 'E_INTERNAL') problems.push('E_INTERNAL (a 500 on REST)')
  if (typeof error.message !== 'string' || !error.message) problems.push('error without a message')
  if (error.field !== undefined && typeof error.field !== 'string')
    problems.push('error field not a string')
  const extra = Object.keys(error).filter(
    (key) => !['code', 'message', 'field', 'retryAfter'].includes(key)
  )
  if (extra.length) problems.push(`error with undocumented keys: ${extra.join(', ')}`)
  if (
    /\n\s+at |node_modules|Maximum call stack|invalid input syntax|invalid byte sequence|out of range/.test(
      String(error.message)
    )
  ) {
    problems.push(`error message leaks internals: ${String(error.message).slice(0, 160)}`)
  }
  return problems
}

/**
 * Text of the scene that `role` must never receive: the private room and its
 * message for everyone but its members; all of organization A's rooms and
 * messages for the outsider and for nobody.
 */
export function secretsIn(_scene: Scene, role: Role, text: string): string[] {
  const forMember = [
    'seeded private message',
    'fuzz-private',
    'only the owner and the bystander',
    'fuzz-b"',
  ]
  const forOthers = [...forMember.slice(0, 3), 'seeded shared message', 'fuzz-shared']
  const secrets = role === 'member' ? forMember : forOthers
  return secrets
    .filter((secret) => text.includes(secret))
    .map((secret) => `leaks "${secret}" to the ${role}`)
}
