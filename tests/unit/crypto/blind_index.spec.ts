import { test } from '@japa/runner'
import { createHmac, randomBytes, randomUUID } from 'node:crypto'
import {
  cachedSearchKey,
  indexTerms,
  MAX_PREFIX,
  normalizedWords,
  queryTerms,
  searchKey,
  TERM_MEMO_SIZE,
} from '#services/blind_index'

/**
 * The terms as the index first wrote them, with node:crypto: every word
 * whole (`w:`) and each prefix of 3–24 characters (`p:`). Rows written
 * then are still in databases and must keep matching queries.
 */
function writtenBefore(key: Buffer, text: string) {
  const hash = (value: string) =>
    createHmac('sha256', key).update(value).digest().subarray(0, 16).toString('base64')
  const terms = new Set<string>()
  for (const word of normalizedWords(text)) {
    const chars = [...word]
    terms.add(hash(`w:${word}`))
    for (let length = 3; length <= Math.min(chars.length, MAX_PREFIX); length++) {
      terms.add(hash(`p:${chars.slice(0, length).join('')}`))
    }
  }
  return [...terms]
}

const TEXT =
  'Café CAFÉ naïve résumé ok, x 😀😀😀😀 日本語のテキスト t:1733355071234:' +
  'x'.repeat(40) +
  ' ﷺ 𝒜𝒜𝒜𝒜𝒜𝒜𝒜𝒜𝒜𝒜𝒜𝒜𝒜𝒜𝒜𝒜𝒜𝒜𝒜𝒜𝒜𝒜𝒜𝒜𝒜𝒜𝒜 supercalifragilisticexpialidocious' +
  // Letters of four UTF-8 bytes that stay so once normalized (Gothic, Deseret), mixed with ASCII.
  ' 𐌰𐌱𐌲𐌳𐌴 ab𐌰𐌱cdé 𐐀𐐁𐐂𐐃𐐄'

/** Every query word that must find TEXT: each word, each prefix of 1 up to 30 characters. */
function queriesOf(text: string) {
  return normalizedWords(text).flatMap((word) => {
    const chars = [...word]
    return chars.slice(0, 30).map((_, i) => (i < 2 ? word : chars.slice(0, i + 1).join('')))
  })
}

test.group('Blind index keys', () => {
  test('the cached key hashes exactly as the derived bytes', ({ assert }) => {
    const keyId = randomUUID()
    const roomKey = randomBytes(32)
    const bytes = searchKey(keyId, roomKey)
    const cached = cachedSearchKey(keyId, roomKey)

    assert.strictEqual(cachedSearchKey(keyId, roomKey), cached, 'derived once per room key')
    assert.deepEqual(indexTerms(cached, TEXT), indexTerms(bytes, TEXT))
    assert.deepEqual(queryTerms(cached, ['cafe', 'ok']), queryTerms(bytes, ['cafe', 'ok']))
    assert.includeMembers(indexTerms(bytes, TEXT), queryTerms(cached, ['cafe', 'res', 'ok']))
  })

  test('a remembered term is the term: texts hashed again, past the memo size, answer as the bytes do', ({
    assert,
  }) => {
    const keyId = randomUUID()
    const roomKey = randomBytes(32)
    const bytes = searchKey(keyId, roomKey)
    const cached = cachedSearchKey(keyId, roomKey)
    const words = Array.from({ length: TERM_MEMO_SIZE }, (_, i) => `w${i}rd${'o'.repeat(i % 9)}`)
    const texts = [
      TEXT,
      ...Array.from({ length: 40 }, (_, i) => words.slice(i * 7, i * 7 + 30).join(' ')),
    ]
    for (const round of [1, 2]) {
      for (const text of texts) {
        assert.deepEqual(indexTerms(cached, text), indexTerms(bytes, text), `round ${round}`)
      }
    }
    assert.deepEqual(indexTerms(cached, 'ab abc abcd'), indexTerms(bytes, 'ab abc abcd'))
  })

  test('another room key, or another key id, gives other terms', ({ assert }) => {
    const keyId = randomUUID()
    const roomKey = randomBytes(32)
    const terms = indexTerms(cachedSearchKey(keyId, roomKey), 'pangolin')
    assert.notIncludeMembers(indexTerms(cachedSearchKey(keyId, randomBytes(32)), 'pangolin'), terms)
    assert.notIncludeMembers(indexTerms(searchKey(randomUUID(), roomKey), 'pangolin'), terms)
  })
})

test.group('Blind index terms', () => {
  test('rows written before and rows written now answer the same queries', ({ assert }) => {
    const key = searchKey(randomUUID(), randomBytes(32))
    const before = writtenBefore(key, TEXT)
    const now = indexTerms(key, TEXT)
    assert.includeMembers(before, now, 'no term a row written before could lack')
    for (const query of queriesOf(TEXT)) {
      const [wanted] = queryTerms(key, [query])
      assert.include(now, wanted, `"${query}" finds a row written now`)
      assert.include(before, wanted, `"${query}" finds a row written before`)
    }
    const missing = queryTerms(key, ['caff', 'naive2', 'x'.repeat(2), 'pangolin'])
    assert.notIncludeMembers(now, missing)
  })

  test('keeps only terms a query can ask for: prefixes of long words, short words whole', ({
    assert,
  }) => {
    const key = searchKey(randomUUID(), randomBytes(32))
    const asked = new Set(queriesOf(TEXT).flatMap((query) => queryTerms(key, [query])))
    const now = indexTerms(key, TEXT)
    assert.deepEqual(
      now.filter((term) => !asked.has(term)),
      []
    )
    // A 10-letter word is its 8 prefixes of 3–10 letters; a repeated word costs nothing more.
    assert.lengthOf(indexTerms(key, 'pangolines'), 8)
    assert.lengthOf(indexTerms(key, 'pangolines Pangolines PANGOLINES ok'), 9)
    assert.lengthOf(indexTerms(key, 'x'.repeat(40)), MAX_PREFIX - 2)
  })
})
