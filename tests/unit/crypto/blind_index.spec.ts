import { test } from '@japa/runner'
import { randomBytes, randomUUID } from 'node:crypto'
import { cachedSearchKey, indexTerms, queryTerms, searchKey } from '#services/blind_index'

/*
 * The blind index's terms do not depend on how the search key is held:
 * rows written with the derived bytes match queries hashed with the cached
 * KeyObject, and the reverse, so existing indexes stay valid.
 */
test.group('Blind index keys', () => {
  test('the cached KeyObject hashes exactly as the derived bytes', ({ assert }) => {
    const keyId = randomUUID()
    const roomKey = randomBytes(32)
    const text = 'Café CAFÉ naïve résumé ok'
    const bytes = searchKey(keyId, roomKey)
    const cached = cachedSearchKey(keyId, roomKey)

    assert.notStrictEqual(cached as unknown, bytes)
    assert.strictEqual(cachedSearchKey(keyId, roomKey), cached, 'derived once per room key')
    assert.deepEqual(indexTerms(cached, text), indexTerms(bytes, text))
    assert.deepEqual(queryTerms(cached, ['cafe', 'ok']), queryTerms(bytes, ['cafe', 'ok']))
    assert.includeMembers(indexTerms(bytes, text), queryTerms(cached, ['cafe', 'res', 'ok']))
  })

  test('another room key, or another key id, gives other terms', ({ assert }) => {
    const keyId = randomUUID()
    const roomKey = randomBytes(32)
    const terms = indexTerms(cachedSearchKey(keyId, roomKey), 'pangolin')
    assert.notIncludeMembers(indexTerms(cachedSearchKey(keyId, randomBytes(32)), 'pangolin'), terms)
    assert.notIncludeMembers(indexTerms(searchKey(randomUUID(), roomKey), 'pangolin'), terms)
  })
})
