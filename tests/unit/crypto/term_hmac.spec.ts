import { test } from '@japa/runner'
import { createHmac, randomBytes } from 'node:crypto'
import { TermHmac } from '#services/term_hmac'

/*
 * The blind index hashes its terms with its own HMAC-SHA256 (cheaper per
 * short term than node:crypto); every row ever written was hashed by
 * node:crypto, so the two must agree bit for bit, whatever the key and the
 * message length (one, two or more blocks, each padding boundary).
 */
test.group('Term HMAC', () => {
  test('answers what node:crypto answers for every message length and key size', ({ assert }) => {
    for (const keySize of [0, 1, 32, 63, 64, 65, 200]) {
      const key = randomBytes(keySize)
      const hmac = new TermHmac(key)
      const message = randomBytes(300)
      for (let length = 0; length <= message.length; length++) {
        const expected = createHmac('sha256', key).update(message.subarray(0, length)).digest()
        assert.equal(
          hmac.digest(message, length, 32),
          expected.toString('base64'),
          `key ${keySize} bytes, message ${length} bytes`
        )
        assert.equal(hmac.digest(message, length, 16), expected.toString('base64', 0, 16))
      }
    }
  })

  test('a key is independent of the messages hashed before it', ({ assert }) => {
    const first = new TermHmac(randomBytes(32))
    const key = randomBytes(32)
    const second = new TermHmac(key)
    const message = Buffer.from('p:pangolin')
    first.digest(randomBytes(500), 500, 32)
    const expected = createHmac('sha256', key).update(message).digest('base64')
    assert.equal(second.digest(message, message.length, 32), expected)
    first.digest(randomBytes(70), 70, 32)
    assert.equal(second.digest(message, message.length, 32), expected)
  })
})
