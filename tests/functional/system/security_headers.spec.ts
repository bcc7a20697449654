import { test } from '@japa/runner'
import { createHash } from 'node:crypto'

/*
 * Headers a browser relies on: API answers are never stored or sniffed; the
 * web client and the API reference carry a Content-Security-Policy that
 * forbids inline script and script from elsewhere.
 */

/** The directives of a Content-Security-Policy header, by name. */
function directives(policy: string | undefined) {
  const entries = (policy ?? '')
    .split(';')
    .map((part) => part.trim().split(/\s+/))
    .filter((words) => words[0])
  return new Map(entries.map(([name, ...values]) => [name, values]))
}

test.group('Security headers', () => {
  test('API answers are no-store and nosniff, errors included', async ({ client, assert }) => {
    const answers = [
      await client.get('/health'),
      await client.get('/openapi.json'),
      await client.get('/users/me'),
      await client.get('/no/such/route'),
      await client.post('/auth/login').json({ email: 'nobody@example.com' }),
    ]
    for (const answer of answers) {
      const what = `${answer.request.config.method} ${answer.request.config.endpoint}`
      assert.equal(answer.header('cache-control'), 'no-store', what)
      assert.equal(answer.header('x-content-type-options'), 'nosniff', what)
    }
  })

  test('the web client pages forbid inline script and script from elsewhere', async ({
    client,
    assert,
  }) => {
    for (const path of ['/', '/invites/some-token']) {
      const answer = await client.get(path)
      const policy = directives(answer.header('content-security-policy'))
      assert.deepEqual(policy.get('script-src'), ["'self'"], path)
      assert.deepEqual(policy.get('default-src'), ["'self'"], path)
      assert.deepEqual(policy.get('object-src'), ["'none'"], path)
      assert.deepEqual(policy.get('base-uri'), ["'none'"], path)
      assert.equal(answer.header('x-content-type-options'), 'nosniff', path)
    }
  })

  test('/docs loads scripts and styles from this server only', async ({ client, assert }) => {
    const answer = await client.get('/docs')
    answer.assertStatus(200)
    const policy = directives(answer.header('content-security-policy'))
    assert.deepEqual(policy.get('default-src'), ["'none'"])
    assert.deepEqual(policy.get('script-src'), ["'self'"])
    assert.deepEqual(policy.get('connect-src'), ["'self'"])
    assert.deepEqual(policy.get('frame-ancestors'), ["'none'"])
  })

  test('/docs/realtime allows its own stylesheet by hash and nothing else', async ({
    client,
    assert,
  }) => {
    const answer = await client.get('/docs/realtime')
    answer.assertStatus(200)
    const policy = directives(answer.header('content-security-policy'))
    assert.deepEqual(policy.get('default-src'), ["'none'"])
    assert.isUndefined(policy.get('script-src'))
    const style = /<style>([\s\S]*?)<\/style>/.exec(answer.text())![1]
    const hash = createHash('sha256').update(style).digest('base64')
    assert.deepEqual(policy.get('style-src'), [`'sha256-${hash}'`])
  })
})
