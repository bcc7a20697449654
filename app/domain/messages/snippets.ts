import { normalizeWord } from '#services/blind_index'

/** Characters of a snippet (before ellipses). */
const SNIPPET_LENGTH = 160

/**
 * A short excerpt of a decrypted body around the first word that a query
 * word begins (compared normalized, as the index does), with ellipses where
 * the body was cut. It is made on the way out and never stored.
 */
export function snippetOf(text: string, words: string[]) {
  if (text.length <= SNIPPET_LENGTH) return text
  let at = 0
  for (const segment of new Intl.Segmenter(undefined, { granularity: 'word' }).segment(text)) {
    if (!segment.isWordLike) continue
    const word = normalizeWord(segment.segment)
    if (words.some((query) => word.startsWith(query))) {
      at = segment.index
      break
    }
  }
  const start = Math.max(0, Math.min(at - 40, text.length - SNIPPET_LENGTH))
  const end = Math.min(text.length, start + SNIPPET_LENGTH)
  return `${start > 0 ? '…' : ''}${text.slice(start, end)}${end < text.length ? '…' : ''}`
}
