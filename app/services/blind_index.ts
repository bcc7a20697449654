import { hkdfSync } from 'node:crypto'
import { TermHmac } from '#services/term_hmac'

/*
 * The blind index of message search (README, Search). A room data key
 * (app/services/message_cipher.ts) derives a search key with HKDF-SHA256
 * (salt: the key id, info: `parley-search-v1`); each normalized word of a
 * body is stored only as HMAC-SHA256 under that key, truncated to 128 bits.
 * Without the room key the stored terms cannot be recomputed or linked to a
 * word, and equal words of two rooms (or of one room under two keys) never
 * share a term.
 *
 * What it costs and leaks: each word of 3 characters or more is stored as
 * every prefix from 3 to 24 characters (a 10-letter word is 8 terms), so the
 * index grows with word lengths and a reader of the database learns how many
 * terms a message has (a rough measure of its length) and, within one room
 * and key, which messages share a word or a prefix (equality, frequency) —
 * never which word. Shorter words are stored whole only.
 */

/** Shortest prefix indexed and searched (shorter query words match whole words only). */
export const MIN_PREFIX = 3

/** Longest prefix indexed: longer query words are cut to it. */
export const MAX_PREFIX = 24

/** At most this many distinct terms are kept per message (the rest are not searchable). */
export const MAX_TERMS = 2000

const INFO = Buffer.from('parley-search-v1')

/** The search key of a room data key. */
export function searchKey(keyId: string, roomKey: Buffer) {
  return Buffer.from(hkdfSync('sha256', roomKey, Buffer.from(keyId), INFO, 32))
}

/**
 * Search keys derived so far, ready to hash (`TermHmac`: the key's padded
 * blocks hashed once), by the very room key Buffer they come from: the send
 * path indexes every message inside its transaction, and HKDF per send
 * would be wasted work. An entry lives as long as the room key cache
 * (app/services/message_cipher.ts) holds that Buffer.
 */
const derived = new WeakMap<Buffer, TermHmac>()

/** The search key of a room data key, derived once per key held in memory. */
export function cachedSearchKey(keyId: string, roomKey: Buffer) {
  let key = derived.get(roomKey)
  if (!key) {
    key = new TermHmac(searchKey(keyId, roomKey))
    derived.set(roomKey, key)
  }
  return key
}

/** A search key: the derived bytes, or the same ready to hash (cachedSearchKey). */
export type SearchKey = Buffer | TermHmac

/** One segmenter for every body: making one per call costs more than segmenting a short text. */
const segmenter = new Intl.Segmenter(undefined, { granularity: 'word' })

/**
 * The words of a text, normalized for matching: split by the locale-aware
 * word segmenter (Intl.Segmenter), decomposed (NFKD) with combining marks
 * (diacritics) removed, and lower-cased, so `Café`, `CAFE` and `cafe` are
 * one word.
 */
export function normalizedWords(text: string) {
  const words: string[] = []
  for (const segment of segmenter.segment(text)) {
    if (!segment.isWordLike) continue
    const word = normalizeWord(segment.segment)
    if (word) words.push(word)
  }
  return words
}

/** One word, decomposed, without diacritics, lower-cased. */
export function normalizeWord(word: string) {
  return word.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase()
}

/** Stored bytes of a term: HMAC-SHA256 truncated to 128 bits. */
const TERM_BYTES = 16

/** Room for `p:` and MAX_PREFIX characters of up to 4 UTF-8 bytes (longer words are cut first). */
const scratch = Buffer.alloc(2 + 4 * MAX_PREFIX)

function hmacOf(key: SearchKey) {
  return key instanceof TermHmac ? key : new TermHmac(key)
}

/** The term of `kind:value` (a whole word `w`, a prefix `p`). */
function term(key: TermHmac, kind: 'w' | 'p', value: string) {
  const message = Buffer.from(`${kind}:${value}`)
  return key.digest(message, message.length, TERM_BYTES)
}

/** At most this many terms of one search key are remembered (TermMemo). */
export const TERM_MEMO_SIZE = 256

/**
 * The terms of one search key hashed lately, by `kind:value`, least
 * recently used out first: chat repeats its words (and every prefix of a
 * repeated word), and a remembered term costs a lookup instead of an
 * HMAC (~1.5 µs each, a few dozen per message). It hangs off the cached
 * search key (cachedSearchKey), so it lives no longer than the room key
 * cache holds that key; at most TERM_MEMO_SIZE entries per key.
 */
class TermMemo {
  #terms = new Map<string, string>()

  /** The term of `id`, remembered or hashed now by `hash` (and remembered). */
  term(id: string, hash: () => string) {
    let found = this.#terms.get(id)
    if (found === undefined) {
      found = hash()
      if (this.#terms.size >= TERM_MEMO_SIZE) this.#terms.delete(this.#terms.keys().next().value!)
    } else {
      this.#terms.delete(id)
    }
    this.#terms.set(id, found)
    return found
  }
}

const memos = new WeakMap<TermHmac, TermMemo>()

/** Hashes with the memo of a cached search key; a key given as bytes is used once, so it has none. */
function memoOf(given: SearchKey, key: TermHmac) {
  if (!(given instanceof TermHmac)) return (_id: string, hash: () => string) => hash()
  let memo = memos.get(key)
  if (!memo) {
    memo = new TermMemo()
    memos.set(key, memo)
  }
  const found = memo
  return (id: string, hash: () => string) => found.term(id, hash)
}

/**
 * The terms stored for a body: each word of 3 characters or more as its
 * prefixes of 3–24 characters (the longest is the word itself up to 24),
 * each shorter word whole. A query word of 3 or more characters is looked
 * up by its prefix term (queryTerms), so a longer word's whole-word term
 * would never be asked for: rows written when it was stored keep it
 * harmlessly. Each prefix is hashed from one encoding of the word, unless
 * its key remembers it (TermMemo).
 */
export function indexTerms(given: SearchKey, text: string) {
  const key = hmacOf(given)
  const remembered = memoOf(given, key)
  const terms = new Set<string>()
  for (const word of new Set(normalizedWords(text))) {
    const chars = [...word]
    if (chars.length < MIN_PREFIX) {
      terms.add(remembered(`w:${word}`, () => term(key, 'w', word)))
      if (terms.size >= MAX_TERMS) break
      continue
    }
    scratch.write('p:', 0, 'latin1')
    let length = 2
    let id = 'p:'
    for (let count = 1; count <= Math.min(chars.length, MAX_PREFIX); count++) {
      length += scratch.write(chars[count - 1], length, 'utf8')
      id += chars[count - 1]
      if (count < MIN_PREFIX) continue
      terms.add(remembered(id, () => key.digest(scratch, length, TERM_BYTES)))
      if (terms.size >= MAX_TERMS) return [...terms]
    }
  }
  return [...terms]
}

/**
 * The terms a query word must match: a word of 3 characters or more
 * matches every stored word it begins (whole words included), a shorter
 * one only that whole word.
 */
export function queryTerms(given: SearchKey, words: string[]) {
  const key = hmacOf(given)
  return words.map((word) => {
    const chars = [...word]
    if (chars.length < MIN_PREFIX) return term(key, 'w', word)
    return term(key, 'p', chars.slice(0, MAX_PREFIX).join(''))
  })
}
