import { randomBytes } from 'node:crypto'
import { test } from '@japa/runner'
import MessageCipher from '#services/message_cipher'
import { DecryptionError } from '#services/keyring'

test.group('MessageCipher body envelope', () => {
  test('seals a body as v1:<iv>:<tag>:<ciphertext> and opens it with the same key id', ({
    assert,
  }) => {
    const key = randomBytes(32)
    const sealed = MessageCipher.sealBody('key-1', key, 'meet at noon')
    assert.match(sealed, /^v1:[^:]+:[^:]+:[^:]+$/)
    assert.notInclude(sealed, 'noon')
    assert.equal(MessageCipher.openBody('key-1', key, sealed), 'meet at noon')
  })

  test('refuses a body opened under another key id (associated data)', ({ assert }) => {
    const key = randomBytes(32)
    const sealed = MessageCipher.sealBody('key-1', key, 'meet at noon')
    assert.throws(() => MessageCipher.openBody('key-2', key, sealed), DecryptionError)
  })

  test('refuses a body with a flipped ciphertext byte or an unknown format tag', ({ assert }) => {
    const key = randomBytes(32)
    const sealed = MessageCipher.sealBody('key-1', key, 'meet at noon')
    const parts = sealed.split(':')
    const body = Buffer.from(parts[3], 'base64')
    body[body.length - 1] ^= 0x80
    parts[3] = body.toString('base64')
    assert.throws(() => MessageCipher.openBody('key-1', key, parts.join(':')), DecryptionError)
    assert.throws(
      () => MessageCipher.openBody('key-1', key, sealed.replace(/^v1/, 'v9')),
      /Unknown body format/
    )
  })
})
