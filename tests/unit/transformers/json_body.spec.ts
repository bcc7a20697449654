import { test } from '@japa/runner'
import { safeStringify } from '@poppinss/utils/json'
import { serializeJson } from '#services/json_body'

/*
 * The response serializer must write exactly what AdonisJS's default wrote,
 * byte for byte: it only trades the way the text is built.
 */

const page = {
  data: [
    {
      id: '0b5f7e4c-3f2a-4c1e-9a57-1c2d3e4f5a6b',
      seq: 1,
      versionSeq: -0,
      content: 'quotes " backslash \\ newline \n tab \t nul \u0000 bell \u0007 é 你好 😀',
      lone: 'a \ud800 b \udfff c',
      long: 'x"'.repeat(3000),
      encrypted: null,
      threadOnly: false,
      mentions: [],
      reactions: [{ emoji: '👍', count: 2, me: true }],
      skipped: undefined,
      fn: () => 1,
      list: [undefined, () => 1, Symbol('s'), Number.NaN, Infinity, 1.5e-7],
      createdAt: new Date(Date.UTC(2026, 11, 4, 23, 0, 0, 7)),
      buffer: Buffer.from('hi'),
      map: new Map([[1, 2]]),
      nested: { toJSON: (key: string) => `nested under ${key}` },
    },
  ],
  meta: { hasMore: false, cursor: null, syncCursor: 3 },
}

test.group('Response JSON', () => {
  test('writes the same bytes as the AdonisJS default', ({ assert }) => {
    assert.equal(serializeJson(page), safeStringify(page))
    for (const value of [[], {}, 'text', 0, null, [null], { a: [{}] }]) {
      assert.equal(serializeJson(value), safeStringify(value))
    }
  })

  test('falls back to the default for BigInts and cycles', ({ assert }) => {
    const cyclic: Record<string, unknown> = { name: 'loop', n: 10n }
    cyclic.self = cyclic
    const expected = safeStringify(cyclic)
    assert.equal(serializeJson(cyclic), expected)
    assert.equal(expected, '{"name":"loop","n":"10"}')
    assert.equal(serializeJson({ n: [1n, 2] }), '{"n":["1",2]}')
  })
})
