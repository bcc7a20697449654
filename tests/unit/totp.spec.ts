import { test } from '@japa/runner'
import {
  base32Decode,
  base32Encode,
  hotp,
  matchTotp,
  newTotpSecret,
  otpauthUrl,
  stepAt,
} from '#domain/auth/totp'

/** RFC 6238 appendix B, SHA-1: the secret is the ASCII string "12345678901234567890". */
const RFC_SECRET = Buffer.from('12345678901234567890', 'ascii')
const RFC_VECTORS: [number, string][] = [
  [59, '94287082'],
  [1111111109, '07081804'],
  [1111111111, '14050471'],
  [1234567890, '89005924'],
  [2000000000, '69279037'],
  [20000000000, '65353130'],
]

test.group('TOTP (RFC 6238)', () => {
  test('matches the RFC 6238 SHA-1 test vectors', ({ assert }) => {
    for (const [seconds, expected] of RFC_VECTORS) {
      assert.equal(hotp(RFC_SECRET, stepAt(seconds * 1000), 8), expected, `T=${seconds}`)
    }
  })

  test('matches the RFC 4226 HOTP values (6 digits)', ({ assert }) => {
    const expected = ['755224', '287082', '359152', '969429', '338314']
    assert.deepEqual(
      expected.map((_, counter) => hotp(RFC_SECRET, counter)),
      expected
    )
  })

  test('base32 round-trips and matches RFC 4648', ({ assert }) => {
    assert.equal(base32Encode(Buffer.from('foobar')), 'MZXW6YTBOI')
    assert.equal(base32Decode('mzxw6ytboi======').toString(), 'foobar')
    const secret = newTotpSecret()
    assert.match(secret, /^[A-Z2-7]{32}$/)
    assert.lengthOf(base32Decode(secret), 20)
  })

  test('accepts the codes of one step either side, refuses the rest', ({ assert }) => {
    const secret = base32Encode(RFC_SECRET)
    const now = 1_700_000_000_000
    const step = stepAt(now)
    const code = (s: number) => hotp(RFC_SECRET, s)
    assert.equal(matchTotp(secret, code(step), now), step)
    assert.equal(matchTotp(secret, code(step - 1), now), step - 1)
    assert.equal(matchTotp(secret, code(step + 1), now), step + 1)
    assert.isNull(matchTotp(secret, code(step - 2), now))
    assert.isNull(matchTotp(secret, code(step + 2), now))
    assert.isNull(matchTotp(secret, '12345', now))
    assert.isNull(matchTotp(secret, 'abcdef', now))
  })

  test('builds the otpauth URL authenticator apps read', ({ assert }) => {
    const url = new URL(otpauthUrl('JBSWY3DPEHPK3PXP', 'ada@example.com'))
    assert.equal(url.protocol, 'otpauth:')
    assert.equal(url.host, 'totp')
    assert.equal(decodeURIComponent(url.pathname), '/Parley:ada@example.com')
    assert.equal(url.searchParams.get('secret'), 'JBSWY3DPEHPK3PXP')
    assert.equal(url.searchParams.get('issuer'), 'Parley')
  })
})
