import { randomBytes } from 'node:crypto'
import { test } from '@japa/runner'
import {
  addKeyringVersion,
  DecryptionError,
  generateKeyringEntry,
  KeyringConfigError,
  KeyringStaleError,
  missingVersionsMet,
  open,
  parseKeyring,
  seal,
} from '#services/keyring'

const KEY_A = Buffer.alloc(32, 1).toString('base64')
const KEY_B = Buffer.alloc(32, 2).toString('base64')

/** Flips one bit of the byte at `index` inside the base64 part `part` of a sealed value. */
function flip(sealed: string, part: number, index = 0) {
  const parts = sealed.split(':')
  const bytes = Buffer.from(parts[part], 'base64')
  bytes[index] ^= 0x01
  parts[part] = bytes.toString('base64')
  return parts.join(':')
}

test.group('Keyring parsing', () => {
  test('reads versions and makes the highest one current, whatever the order', ({ assert }) => {
    const ring = parseKeyring(`v2:${KEY_B}, v1:${KEY_A}`)
    assert.equal(ring.currentVersion, 2)
    assert.deepEqual(ring.versions, [1, 2])
    assert.deepInclude(ring.status(), { currentVersion: 2, versions: [1, 2] })
  })

  test('fingerprints each version and the whole keyring without revealing key material', ({
    assert,
  }) => {
    const ring = parseKeyring(`v1:${KEY_A},v2:${KEY_B}`)
    const same = parseKeyring(`v2:${KEY_B}, v1:${KEY_A}`)
    const otherV2 = parseKeyring(`v1:${KEY_A},v2:${Buffer.alloc(32, 3).toString('base64')}`)
    const fingerprints = ring.versionFingerprints()
    assert.deepEqual(Object.keys(fingerprints), ['1', '2'])
    assert.match(fingerprints['1'], /^[0-9a-f]{16}$/)
    assert.notEqual(fingerprints['1'], fingerprints['2'])
    assert.equal(ring.fingerprint, same.fingerprint)
    assert.equal(ring.status().fingerprint, ring.fingerprint)
    assert.equal(otherV2.versionFingerprints()['1'], fingerprints['1'])
    assert.notEqual(otherV2.versionFingerprints()['2'], fingerprints['2'])
    assert.notEqual(otherV2.fingerprint, ring.fingerprint)
    assert.notEqual(parseKeyring(`v1:${KEY_A}`).fingerprint, ring.fingerprint)
    const shown = JSON.stringify(ring.status()) + JSON.stringify(fingerprints)
    for (const key of [KEY_A, KEY_B]) {
      assert.notInclude(shown, key)
      assert.notInclude(shown, Buffer.from(key, 'base64').toString('hex'))
    }
  })

  test('rejects {name}')
    .with([
      { name: 'an empty value', value: '', reason: /it is empty or not set/ },
      { name: 'a missing value', value: undefined, reason: /it is empty or not set/ },
      { name: 'an entry without a version', value: KEY_A, reason: /entry 1 has no "v<N>:"/ },
      { name: 'a non-numeric version', value: `vx:${KEY_A}`, reason: /version "vx"/ },
      { name: 'version zero', value: `v0:${KEY_A}`, reason: /version "v0"/ },
      { name: 'a missing v prefix', value: `1:${KEY_A}`, reason: /version "1"/ },
      {
        name: 'a duplicated version',
        value: `v1:${KEY_A},v1:${KEY_B}`,
        reason: /v1 appears twice/,
      },
      {
        name: 'a 16-byte key',
        value: `v1:${randomBytes(16).toString('base64')}`,
        reason: /entry 1 \(v1\) is not the base64 of exactly 32 bytes/,
      },
      {
        name: 'a 33-byte key',
        value: `v1:${KEY_A},v2:${randomBytes(33).toString('base64')}`,
        reason: /entry 2 \(v2\) is not the base64 of exactly 32 bytes/,
      },
      { name: 'non-base64 material', value: `v1:${'*'.repeat(44)}`, reason: /exactly 32 bytes/ },
      { name: 'a trailing comma', value: `v1:${KEY_A},`, reason: /entry 2 has no "v<N>:"/ },
    ])
    .run(({ assert }, { value, reason }) => {
      try {
        parseKeyring(value)
        assert.fail('expected the keyring to be rejected')
      } catch (error) {
        assert.instanceOf(error, KeyringConfigError)
        assert.match(error.message, /^ENCRYPTION_KEYS is invalid: /)
        assert.match(error.message, reason)
        assert.include(error.message, 'v<N>:<base64 of 32 bytes>')
        assert.include(error.message, '"chatctl key rotate --generate"')
        assert.equal(error.code, 'E_ENCRYPTION_KEYS_INVALID')
      }
    })

  test('never echoes key material in an error', ({ assert }) => {
    const material = randomBytes(31).toString('base64')
    assert.throws(() => parseKeyring(`v1:${KEY_A},v2:${material}`), /v2/)
    try {
      parseKeyring(`v1:${KEY_A},v2:${material}`)
    } catch (error) {
      assert.notInclude(error.message, material)
      assert.notInclude(error.message, KEY_A)
    }
  })

  test('generates entries that parse back as 32 random bytes', ({ assert }) => {
    const entry = generateKeyringEntry(3)
    assert.match(entry, /^v3:[A-Za-z0-9+/]{43}=$/)
    assert.notEqual(entry, generateKeyringEntry(3))
    assert.equal(parseKeyring(entry).currentVersion, 3)
    assert.throws(() => generateKeyringEntry(0), KeyringConfigError)
  })

  test('adds the next version after the highest one and keeps the old entries', ({ assert }) => {
    const current = `v1:${KEY_A},v4:${KEY_B}`
    const { version, entry, value } = addKeyringVersion(current)
    assert.equal(version, 5)
    assert.equal(value, `${current},${entry}`)
    assert.deepEqual(parseKeyring(value).versions, [1, 4, 5])
    assert.throws(() => addKeyringVersion('garbage'), KeyringConfigError)
  })
})

test.group('Keyring wrapping and sealing', () => {
  test('wraps a room key under the current version and unwraps it for the same room', ({
    assert,
  }) => {
    const roomKey = randomBytes(32)
    const ring = parseKeyring(`v1:${KEY_A},v2:${KEY_B}`)
    const { wrapped, masterVersion } = ring.wrap(roomKey, 'room-1')
    assert.equal(masterVersion, 2)
    assert.notInclude(wrapped, roomKey.toString('base64'))
    assert.deepEqual(ring.unwrap(wrapped, 2, 'room-1'), roomKey)
  })

  test('opens a room key wrapped under an older version that is still configured', ({ assert }) => {
    const roomKey = randomBytes(32)
    const { wrapped } = parseKeyring(`v1:${KEY_A}`).wrap(roomKey, 'room-1')
    const rotated = parseKeyring(`v1:${KEY_A},v2:${KEY_B}`)
    assert.deepEqual(rotated.unwrap(wrapped, 1, 'room-1'), roomKey)
  })

  test('refuses a wrapped key of another room, a wrong version or a missing version', ({
    assert,
  }) => {
    const ring = parseKeyring(`v1:${KEY_A},v2:${KEY_B}`)
    const { wrapped } = ring.wrap(randomBytes(32), 'room-1')
    assert.throws(() => ring.unwrap(wrapped, 2, 'room-2'), DecryptionError)
    assert.throws(() => ring.unwrap(wrapped, 1, 'room-1'), DecryptionError)
    try {
      ring.unwrap(wrapped, 7, 'room-1')
      assert.fail('expected a stale keyring error')
    } catch (error) {
      assert.instanceOf(error, KeyringStaleError)
      assert.equal(error.code, 'E_KEYRING_STALE')
      assert.equal(error.status, 503)
      assert.match(error.message, /master key v7 is not in its ENCRYPTION_KEYS/)
      assert.match(error.message, /Restart the node with the current ENCRYPTION_KEYS/)
    }
    assert.include(missingVersionsMet(), 7)
  })

  test('round-trips empty, unicode and large values', ({ assert }) => {
    const key = randomBytes(32)
    for (const text of ['', 'héllo 🌍', 'x'.repeat(100_000)]) {
      const sealed = seal(key, 'aad', Buffer.from(text))
      assert.equal(open(key, 'aad', sealed).toString(), text)
    }
  })

  test('uses a fresh IV each time, so equal plaintexts give different ciphertexts', ({
    assert,
  }) => {
    const key = randomBytes(32)
    assert.notEqual(seal(key, 'a', Buffer.from('same')), seal(key, 'a', Buffer.from('same')))
  })

  test('never gives two seals one IV, across many refills of the IV pool', ({ assert }) => {
    const key = randomBytes(32)
    const ivs = new Set<string>()
    const count = 5000
    for (let i = 0; i < count; i++) ivs.add(seal(key, 'a', Buffer.from('same')).split(':')[0])
    assert.equal(ivs.size, count)
    for (const iv of ivs) assert.lengthOf(Buffer.from(iv, 'base64'), 12)
  })

  test('detects a flipped bit in the {name}')
    .with([
      { name: 'IV', part: 0 },
      { name: 'tag', part: 1 },
      { name: 'ciphertext', part: 2 },
    ])
    .run(({ assert }, { part }) => {
      const key = randomBytes(32)
      const sealed = seal(key, 'aad', Buffer.from('pay alice 10'))
      assert.throws(() => open(key, 'aad', flip(sealed, part)), DecryptionError)
    })

  test('rejects the wrong associated data, the wrong key and malformed input', ({ assert }) => {
    const key = randomBytes(32)
    const sealed = seal(key, 'key-1', Buffer.from('hello'))
    assert.throws(() => open(key, 'key-2', sealed), /failed authentication/)
    assert.throws(() => open(randomBytes(32), 'key-1', sealed), /failed authentication/)
    assert.throws(() => open(key, 'key-1', 'not:a:cipher'), DecryptionError)
    assert.throws(() => open(key, 'key-1', `${sealed}:extra`), /Malformed/)
    assert.throws(() => open(key, 'key-1', sealed.split(':').slice(1).join(':')), DecryptionError)
  })
})
