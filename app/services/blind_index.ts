import { hkdfSync } from 'node:crypto'
import { TermHmac } from '#services/term_hmac'
import { asciiWordsFor } from '#services/ascii_words'

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

/** The segmenter's words, found without it when the text is all ASCII (app/services/ascii_words.ts). */
const wordsOf = asciiWordsFor(segmenter)

/**
 * The words of a text, normalized for matching: split by the locale-aware
 * word segmenter (Intl.Segmenter), decomposed (NFKD) with combining marks
 * (diacritics) removed, and lower-cased, so `Café`, `CAFE` and `cafe` are
 * one word.
 */
export function normalizedWords(text: string) {
  const words: string[] = []
  for (const segment of wordsOf(text)) {
    const word = normalizeWord(segment)
    if (word) words.push(word)
  }
  return words
}

/** All ASCII: NFKD leaves it as it is, and it has no combining marks. */
const ASCII = /^\p{ASCII}*$/u

/** One word, decomposed, without diacritics, lower-cased. */
export function normalizeWord(word: string) {
  if (ASCII.test(word)) return word.toLowerCase()
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

/** The bytes one character (a code point, as `[...word]` splits it) takes in UTF-8. */
function utf8Length(char: string) {
  const code = char.codePointAt(0)!
  // A lone surrogate is written as U+FFFD, 3 bytes, as Buffer#write does.
  return code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4
}

/** Terms, and words, of one search key remembered at least (TermMemo; at most twice as many). */
export const TERM_MEMO_SIZE = 256

/**
 * Values by id, recently used ones kept: two generations of at most
 * TERM_MEMO_SIZE each. A value found in the older one moves to the newer;
 * when the newer is full it becomes the older, and what the older still
 * held is dropped. Nothing is ever deleted from a Map: a body with a new
 * word each time (a timestamp, a number) would otherwise cost a delete and
 * an eviction per term, dearer than the lookup it saves.
 */
class Recent<Value> {
  #newer = new Map<string, Value>()
  #older = new Map<string, Value>()

  /** The value of `id`, remembered or made now by `make` (and remembered). */
  get(id: string, make: () => Value) {
    const found = this.#newer.get(id)
    if (found !== undefined) return found
    const value = this.#older.get(id) ?? make()
    if (this.#newer.size >= TERM_MEMO_SIZE) {
      this.#older = this.#newer
      this.#newer = new Map()
    }
    this.#newer.set(id, value)
    return value
  }
}

/**
 * What one search key hashed lately: chat repeats its words, and a
 * remembered word costs one lookup for all its terms instead of an HMAC
 * (~1.3 µs) or a lookup per term; a new word often shares its prefixes
 * with words seen before (`meet`, `meeting`), and a remembered term costs a
 * lookup instead of an HMAC. It hangs off the cached search key
 * (cachedSearchKey), so it lives no longer than the room key cache holds
 * that key; at most 2 × TERM_MEMO_SIZE words and as many terms per key.
 */
interface TermMemo {
  words: Recent<readonly string[]>
  terms: Recent<string>
}

const memos = new WeakMap<TermHmac, TermMemo>()

/** The memo of a cached search key; a key given as bytes is used once, so it has none. */
function memoOf(given: SearchKey, key: TermHmac) {
  if (!(given instanceof TermHmac)) return null
  let memo = memos.get(key)
  if (!memo) {
    memo = { words: new Recent(), terms: new Recent() }
    memos.set(key, memo)
  }
  return memo
}

/**
 * The terms of one normalized word: its prefixes of 3–24 characters (the
 * longest is the word itself up to 24), or the word whole when it is
 * shorter. Each prefix is hashed from one encoding of the word, unless the
 * memo remembers it.
 */
function wordTerms(key: TermHmac, memo: TermMemo | null, word: string) {
  const chars = [...word]
  if (chars.length < MIN_PREFIX) {
    const hash = () => term(key, 'w', word)
    return [memo ? memo.terms.get(`w:${word}`, hash) : hash()]
  }
  const count = Math.min(chars.length, MAX_PREFIX)
  let prefix = count < chars.length ? chars.slice(0, count).join('') : word
  let end = scratch.write('p:', 0, 'latin1')
  end += scratch.write(prefix, end)
  const terms: string[] = []
  // Longest prefix first: each shorter one drops its last character (its bytes from `end`).
  for (let last = count; last >= MIN_PREFIX; last--) {
    if (last < count) {
      end -= utf8Length(chars[last])
      prefix = prefix.slice(0, prefix.length - chars[last].length)
    }
    const bytes = end
    const hash = () => key.digest(scratch, bytes, TERM_BYTES)
    terms.push(memo ? memo.terms.get(`p:${prefix}`, hash) : hash())
  }
  return terms.reverse()
}

/**
 * The terms stored for a body: each word of 3 characters or more as its
 * prefixes of 3–24 characters, each shorter word whole (wordTerms). A query
 * word of 3 or more characters is looked up by its prefix term
 * (queryTerms), so a longer word's whole-word term would never be asked
 * for: rows written when it was stored keep it harmlessly.
 */
export function indexTerms(given: SearchKey, text: string) {
  const key = hmacOf(given)
  const memo = memoOf(given, key)
  const terms = new Set<string>()
  for (const word of new Set(normalizedWords(text))) {
    const made = () => wordTerms(key, memo, word)
    for (const found of memo ? memo.words.get(word, made) : made()) {
      terms.add(found)
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
