import { test } from '@japa/runner'
import { defineLimits, limits, type RateLimits } from '#config/limiter'

/** The budgets with one setting changed. */
function withBudget(change: (copy: RateLimits) => void) {
  const copy = structuredClone(limits)
  change(copy)
  return () => defineLimits(copy)
}

test.group('Rate limit budgets', () => {
  test('accepts the configured budgets', ({ assert }) => {
    assert.deepEqual(defineLimits(structuredClone(limits)), limits)
  })

  test('refuses a budget that is not a positive integer, naming its setting', ({ assert }) => {
    assert.throws(
      withBudget((c) => (c.invitesPerAddressPerDay = 0)),
      'Invalid INVITE_ADDRESS_RATE_PER_DAY: it must be a positive integer'
    )
    assert.throws(
      withBudget((c) => (c.sendsPerMinute = 1.5)),
      'Invalid SEND_RATE_PER_MINUTE: it must be a positive integer'
    )
    assert.throws(
      withBudget((c) => (c.login.failuresPerClientPerMinute = Number.NaN)),
      'Invalid LOGIN_FAILURES_PER_MINUTE: it must be a positive integer'
    )
  })

  test('bounds the login slowdown so that it never becomes a refusal', ({ assert }) => {
    assert.throws(
      withBudget((c) => (c.login.slowdownMs = 60_000)),
      'Invalid LOGIN_SLOWDOWN_MS: it must be an integer from 0 to 10000'
    )
    assert.doesNotThrow(withBudget((c) => (c.login.slowdownMs = 0)))
  })
})
