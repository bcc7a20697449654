/*
 * The words of a text that is all ASCII, as Intl.Segmenter's word
 * granularity finds them (Unicode's word boundaries, UAX #29, restricted
 * to ASCII), without the segmenter: for a chat message ICU's segmenter is
 * most of the blind index's cost (app/services/blind_index.ts), ~6 µs for a
 * short line against well under 1 µs here.
 *
 * Within ASCII the rules are few: letters, digits and `_` hold together
 * (WB5, WB8–WB10, WB13a/b); `:` `.` `'` join two letters (WB6/WB7); `.`
 * `,` `;` `'` join two digits (WB11/WB12); everything else breaks. A
 * segment is a word when it holds a letter or a digit, or is two or more
 * `_` (ICU's rule status; one `_` alone is not).
 *
 * A locale may tailor these rules, and ICU versions move. `asciiWordsFor`
 * uses them only if they agree with the segmenter they stand in for on
 * every probe below (checked once, at load); tests/unit/crypto/ascii_words.spec.ts
 * compares the two on many random ASCII texts.
 */

const OTHER = 0
const LETTER = 1
const DIGIT = 2
const UNDERSCORE = 3
/** `:`: joins letters only. */
const MID_LETTER = 4
/** `.` and `'`: join letters or digits. */
const MID_EITHER = 5
/** `,` and `;`: join digits only. */
const MID_NUMBER = 6

const CLASSES = new Uint8Array(128)
for (let code = 0; code < 128; code++) {
  const char = String.fromCharCode(code)
  CLASSES[code] = /[A-Za-z]/.test(char)
    ? LETTER
    : /\d/.test(char)
      ? DIGIT
      : char === '_'
        ? UNDERSCORE
        : char === ':'
          ? MID_LETTER
          : char === '.' || char === "'"
            ? MID_EITHER
            : char === ',' || char === ';'
              ? MID_NUMBER
              : OTHER
}

/** Reused class buffer (grown as needed): one thread. */
let classes = new Uint8Array(256)

/** Letters, digits and `_`: any two of them hold together. */
function solid(kind: number) {
  return kind === LETTER || kind === DIGIT || kind === UNDERSCORE
}

/** Whether `mid`, between `left` and `right`, holds them together (WB6/WB7, WB11/WB12). */
function joins(left: number, mid: number, right: number) {
  if (left !== right) return false
  if (left === LETTER) return mid === MID_LETTER || mid === MID_EITHER
  if (left === DIGIT) return mid === MID_NUMBER || mid === MID_EITHER
  return false
}

/**
 * The word segments of `text` (not normalized), or null when the text is
 * not all ASCII.
 */
export function asciiSegments(text: string) {
  const length = text.length
  if (classes.length < length + 1) classes = new Uint8Array(length * 2 + 1)
  for (let i = 0; i < length; i++) {
    const code = text.charCodeAt(i)
    if (code >= 128) return null
    classes[i] = CLASSES[code]
  }
  classes[length] = OTHER
  const words: string[] = []
  let start = 0
  let wordLike = false
  // One step past the end (its class is OTHER), where the last segment ends.
  for (let i = 0; i <= length; i++) {
    const kind = classes[i]
    if (i > start) {
      const before = classes[i - 1]
      const held =
        i < length &&
        ((solid(before) && solid(kind)) ||
          joins(before, kind, classes[i + 1]) ||
          (i >= 2 && joins(classes[i - 2], before, kind)))
      if (!held) {
        // Two or more `_` alone are a word; one `_`, or anything else without a letter or digit, is not.
        if (wordLike || (i - start >= 2 && before === UNDERSCORE)) words.push(text.slice(start, i))
        start = i
        wordLike = false
      }
    }
    if (kind === LETTER || kind === DIGIT) wordLike = true
  }
  return words
}

/** Texts whose words must come out as the segmenter's for `asciiWords` to be used. */
const PROBES = [
  "t:1733355071234:xx a:b a.b 1.2 1,2 a,b can't _ __ ___ a_ _1 1_a a.b.c a..b 1;2 a;b x'y 1'2",
  'a:1 1:a _._ a._b "a"b a\' \'a 1. .1 a.1 1.a a:b:c a::b 1,,2 1,2,3 _a_ a-b a/b a@b.c',
  "e.g. U.S.A. 3.14159 1,000,000.00 don't rock'n'roll foo_bar __init__ x86_64 v1.2.3-rc.1",
  'Hello,\tworld!\r\n\u0000 ~`#$%^&*()+={}[]|\\<>? a  b',
]

/** `text`'s words as `segmenter` finds them (word-like segments, not normalized). */
export function segmenterWords(segmenter: Intl.Segmenter, text: string) {
  const words: string[] = []
  for (const segment of segmenter.segment(text)) {
    if (segment.isWordLike) words.push(segment.segment)
  }
  return words
}

/**
 * The word segments of `text` (not normalized) as `segmenter` would find
 * them: computed here when the text is all ASCII and this segmenter agrees
 * with these rules (PROBES), else by the segmenter.
 */
export function asciiWordsFor(segmenter: Intl.Segmenter) {
  const agrees = asciiRulesAgree(segmenter)
  return (text: string) => (agrees && asciiSegments(text)) || segmenterWords(segmenter, text)
}

/** Whether `segmenter` finds the words of every probe text as asciiSegments does. */
export function asciiRulesAgree(segmenter: Intl.Segmenter) {
  return PROBES.every(
    (probe) =>
      JSON.stringify(asciiSegments(probe)) === JSON.stringify(segmenterWords(segmenter, probe))
  )
}
