import fc from 'fast-check'

/*
 * The hostile values the fuzz suite puts into every parameter, header, body
 * field and socket payload: wrong types, NUL and control characters, numbers
 * no column can hold, unicode edge cases, deep and huge JSON. Each family is
 * an arbitrary so that fast-check picks among them from the run's seed.
 */

/** Strings that break naive text handling (PostgreSQL rejects NUL; lone surrogates are not UTF-8). */
export const NASTY_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\u0001\u0002\u0003\u001b[31m\u007f',
  '\t\r\n\v\f',
  '\ud800',
  '\udfff',
  'x\ud83dy',
  '\u202eevil\u202c',
  'مرحبا بالعالم',
  '👨‍👩‍👧‍👦🏳️‍🌈',
  '\ufeff\u200b\u200d\u2060',
  'Z̷̛͉̈a̸̢͗l̵̰̈g̴̱̈o̵͚̊',
  '%',
  '%ff',
  '%00',
  '%zz',
  '../../.env',
  '..%2f..%2f.env',
  '/etc/passwd',
  "'; DROP TABLE users; --",
  '" OR 1=1 --',
  '$1',
  '{{constructor.constructor("return process")()}}',
  '<script>alert(1)</script>',
  '__proto__',
  'constructor',
  'NaN',
  'Infinity',
  '-1',
  '1e300',
  '99999999999999999999',
  '0x10',
  'true',
  'null',
  'undefined',
  '[]',
  '{}',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  '00000000-0000-0000-0000-00000000000g',
]

/** Numbers beyond every column range, fractional, negative, and special values. */
export const NASTY_NUMBERS = [
  0,
  -0,
  -1,
  0.5,
  -0.5,
  1.5,
  2 ** 31,
  2 ** 31 - 1,
  -(2 ** 31) - 1,
  2 ** 53,
  Number.MAX_SAFE_INTEGER + 2,
  2 ** 63,
  2 ** 64,
  1e21,
  1e300,
  -1e300,
  Number.MIN_VALUE,
  Number.MAX_VALUE,
]

/** Deeply nested JSON text (arrays or objects), beyond any sane recursion depth. */
export function deepJson(depth: number, kind: 'array' | 'object') {
  return kind === 'array'
    ? '['.repeat(depth) + ']'.repeat(depth)
    : '{"a":'.repeat(depth) + '1' + '}'.repeat(depth)
}

/** A nested value built without recursion (JSON.stringify handles a few thousand levels). */
export function deepValue(depth: number): unknown {
  let value: unknown = 'bottom'
  for (let level = 0; level < depth; level++) value = level % 2 ? [value] : { a: value }
  return value
}

/** Strings of every kind: the nasty list, random binary (lone surrogates included), long ones. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.constantFrom(...NASTY_STRINGS), weight: 5 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 40 }), weight: 3 },
  { arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }), weight: 1 },
  {
    arbitrary: fc
      .tuple(
        fc.constantFrom('a', '\u0000', '😀', '\ud800', 'é'),
        fc.integer({ min: 255, max: 20_000 })
      )
      .map(([unit, times]) => unit.repeat(times)),
    weight: 1,
  }
)

/** Any JSON-ish value a client could send where something else belongs. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: hostileString, weight: 6 },
  { arbitrary: fc.constantFrom(...NASTY_NUMBERS), weight: 4 },
  { arbitrary: fc.integer(), weight: 1 },
  { arbitrary: fc.double(), weight: 1 },
  {
    arbitrary: fc.constantFrom<unknown>(null, true, false, [], {}, [null], [[]], { a: 1 }),
    weight: 3,
  },
  { arbitrary: fc.array(hostileString, { maxLength: 5 }), weight: 1 },
  { arbitrary: fc.dictionary(hostileString, hostileString, { maxKeys: 4 }), weight: 1 },
  { arbitrary: fc.constantFrom(deepValue(64), deepValue(900)), weight: 1 },
  {
    arbitrary: fc.constantFrom(
      Array.from({ length: 5000 }, (_, index) => index),
      JSON.parse('{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}')
    ),
    weight: 1,
  },
  { arbitrary: fc.jsonValue({ maxDepth: 3 }), weight: 1 }
)

/** Raw request bodies that are not a JSON object, or not JSON at all. */
export const hostileRawBody: fc.Arbitrary<{ type: string; body: string }> = fc.oneof(
  fc
    .constantFrom('"str"', '42', 'null', 'true', 'false', '[]', '[1,2]', '1e300', '""')
    .map((body) => ({ type: 'application/json', body })),
  fc
    .constantFrom(
      '{',
      '{"a":',
      '{"a" 1}',
      "{'a':1}",
      '\ufeff{}',
      '{"a":1}{"b":2}',
      '',
      ' ',
      '\u0000'
    )
    .map((body) => ({ type: 'application/json', body })),
  fc.constantFrom(5_000, 100_000).map((depth) => ({
    type: 'application/json',
    body: deepJson(depth, depth > 10_000 ? 'array' : 'object'),
  })),
  fc
    .constantFrom('text/plain', 'application/xml', 'application/x-www-form-urlencoded')
    .map((type) => ({
      type,
      body: type.endsWith('urlencoded') ? 'a[b][c][d]=1&__proto__[x]=1' : 'x',
    })),
  fc.constant({ type: 'application/json; charset=utf-16', body: '{}' }),
  fc.constant({ type: 'multipart/form-data; boundary=x', body: '--x\r\nbroken' }),
  fc.constant({ type: 'application/json', body: JSON.stringify({ a: 'x'.repeat(3_000_000) }) })
)
