import { test } from '@japa/runner'
import {
  asciiRulesAgree,
  asciiSegments,
  asciiWordsFor,
  segmenterWords,
} from '#services/ascii_words'

const segmenter = new Intl.Segmenter(undefined, { granularity: 'word' })

/** A repeatable source of random numbers (a linear congruential generator). */
function random(seed: number) {
  let state = seed
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0
    return state / 2 ** 32
  }
}

/** Random ASCII texts, half their characters from the ones the rules treat apart. */
function texts(count: number, seed: number) {
  const next = random(seed)
  const special = 'aZ09_.:,;\'" -\n'
  return Array.from({ length: count }, () => {
    let text = ''
    const length = Math.floor(next() * 24)
    for (let i = 0; i < length; i++) {
      text +=
        next() < 0.6
          ? special[Math.floor(next() * special.length)]
          : String.fromCharCode(Math.floor(next() * 128))
    }
    return text
  })
}

test.group('ASCII words', () => {
  test('split as the segmenter splits them, on 30,000 random ASCII texts', ({ assert }) => {
    const wrong: string[] = []
    for (const text of texts(30_000, 20261206)) {
      const mine = JSON.stringify(asciiSegments(text))
      const theirs = JSON.stringify(segmenterWords(segmenter, text))
      if (mine !== theirs) wrong.push(`${JSON.stringify(text)}: ${mine} ≠ ${theirs}`)
    }
    assert.deepEqual(wrong.slice(0, 10), [])
  })

  test('chat-like texts and the rules one by one', ({ assert }) => {
    for (const text of [
      "Let's meet at 3:30 p.m., ok? The v2.1.0 build (x86_64) is at example.com/a_b",
      'e.g. 1,000.5; 1;2 a;b a,b a:b a:1 1:2 __ _ a__ ___x "quoted" it\'s 1\'000',
      '',
      '   ',
      '...',
    ]) {
      assert.deepEqual(asciiSegments(text), segmenterWords(segmenter, text), text)
    }
  })

  test('leave texts beyond ASCII to the segmenter', ({ assert }) => {
    assert.isNull(asciiSegments('café'))
    assert.isNull(asciiSegments('ok 👍'))
    const wordsOf = asciiWordsFor(segmenter)
    assert.deepEqual(
      wordsOf('Café au lait, 日本語'),
      segmenterWords(segmenter, 'Café au lait, 日本語')
    )
  })

  test('are used only with a segmenter that agrees with them', ({ assert }) => {
    assert.isTrue(asciiRulesAgree(segmenter), 'the default segmenter agrees: sends skip it')
    // A segmenter tailored otherwise: every run of non-spaces is a word.
    const tailored = {
      segment: (text: string) =>
        text.split(/(\s+)/).map((part) => ({ segment: part, isWordLike: /\S/.test(part) })),
    } as unknown as Intl.Segmenter
    assert.isFalse(asciiRulesAgree(tailored))
    assert.deepEqual(asciiWordsFor(tailored)('a,b t:1'), ['a,b', 't:1'])
    assert.deepEqual(asciiWordsFor(segmenter)('a,b t:1'), ['a', 'b', 't', '1'])
  })
})
