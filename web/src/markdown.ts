import { h } from './dom'

/*
 * A small Markdown renderer for message text that builds DOM nodes and never
 * parses HTML: whatever a message holds ends up in text nodes, so markup in
 * it shows as typed. It knows fenced code blocks, quotes, lists, inline code,
 * bold, italic, strikethrough, links (http, https and mailto only), bare
 * URLs, @mentions and a few emoji shortcodes.
 */

type Inline = Node | string

/** Emoji shortcodes people type out of habit. */
const EMOJI: Record<string, string> = {
  '+1': '👍',
  '-1': '👎',
  'thumbsup': '👍',
  'thumbsdown': '👎',
  'smile': '😄',
  'grin': '😁',
  'joy': '😂',
  'wink': '😉',
  'heart': '❤️',
  'tada': '🎉',
  'fire': '🔥',
  'rocket': '🚀',
  'eyes': '👀',
  'thinking': '🤔',
  'clap': '👏',
  'pray': '🙏',
  'ok_hand': '👌',
  'wave': '👋',
  'check': '✅',
  'x': '❌',
  'warning': '⚠️',
}

const INLINE = new RegExp(
  [
    '`(?<code>[^`\\n]+)`',
    '\\[(?<label>[^\\]\\n]+)\\]\\((?<href>(?:https?:\\/\\/|mailto:)[^\\s)]+)\\)',
    '(?<url>\\bhttps?:\\/\\/[^\\s<]*[^\\s<.,:;"\'()\\[\\]!?*_~])',
    '\\*\\*(?<bold>[^*\\n]+)\\*\\*',
    '~~(?<strike>[^~\\n]+)~~',
    '(?<![\\w*])\\*(?<em>[^*\\s][^*\\n]*?)\\*(?![\\w*])',
    '(?<![\\w_])_(?<em2>[^_\\s][^_\\n]*?)_(?![\\w_])',
    '(?<![\\w@])(?<mention>@[A-Za-z0-9](?:[A-Za-z0-9_.-]*[A-Za-z0-9_])?)',
    ':(?<emoji>[a-z0-9_+-]+):',
  ].join('|'),
  'g'
)

/** A link that opens elsewhere and tells the target nothing. */
function link(href: string, label: Inline[]) {
  return h('a', { href, target: '_blank', rel: 'noopener noreferrer nofollow' }, label)
}

/** Inline Markdown of one run of text. */
export function inline(text: string): Inline[] {
  const out: Inline[] = []
  let last = 0
  for (const match of text.matchAll(INLINE)) {
    const g = match.groups!
    const start = match.index!
    if (g.emoji !== undefined && !EMOJI[g.emoji]) continue
    if (start > last) out.push(text.slice(last, start))
    last = start + match[0].length
    if (g.code !== undefined) out.push(h('code', {}, g.code))
    else if (g.href !== undefined) out.push(link(g.href, inline(g.label)))
    else if (g.url !== undefined) out.push(link(g.url, [g.url]))
    else if (g.bold !== undefined) out.push(h('strong', {}, inline(g.bold)))
    else if (g.strike !== undefined) out.push(h('s', {}, inline(g.strike)))
    else if (g.em !== undefined || g.em2 !== undefined) out.push(h('em', {}, inline(g.em ?? g.em2)))
    else if (g.mention !== undefined) out.push(h('span', { class: 'mention' }, g.mention))
    else out.push(EMOJI[g.emoji])
  }
  if (last < text.length) out.push(text.slice(last))
  return out
}

const FENCE = /^```\s*([\w+-]*)\s*$/
const QUOTE = /^>\s?/
const BULLET = /^\s*[-*]\s+/
const NUMBER = /^\s*\d+[.)]\s+/

/** Takes lines from `i` while `test` holds; returns them and the next index. */
function run(lines: string[], i: number, test: (line: string) => boolean) {
  const taken: string[] = []
  while (i < lines.length && test(lines[i])) taken.push(lines[i++])
  return { taken, next: i }
}

/** Message text as Markdown blocks (code, quotes, lists, paragraphs). */
export function markdown(text: string): Node[] {
  const lines = text.split('\n')
  const blocks: Node[] = []
  let i = 0
  while (i < lines.length) {
    const line = lines[i]
    const fence = FENCE.exec(line)
    if (fence) {
      const end = lines.findIndex((l, j) => j > i && /^```\s*$/.test(l))
      const stop = end === -1 ? lines.length : end
      const code = h('code', {}, lines.slice(i + 1, stop).join('\n'))
      if (fence[1]) code.dataset.language = fence[1]
      blocks.push(h('pre', { class: 'code-block' }, code))
      i = stop + 1
      continue
    }
    if (QUOTE.test(line)) {
      const { taken, next } = run(lines, i, (l) => QUOTE.test(l))
      blocks.push(h('blockquote', {}, markdown(taken.map((l) => l.replace(QUOTE, '')).join('\n'))))
      i = next
      continue
    }
    const list = BULLET.test(line) ? BULLET : NUMBER.test(line) ? NUMBER : null
    if (list) {
      const { taken, next } = run(lines, i, (l) => list.test(l))
      const items = taken.map((l) => h('li', {}, inline(l.replace(list, ''))))
      blocks.push(list === BULLET ? h('ul', {}, items) : h('ol', {}, items))
      i = next
      continue
    }
    const { taken, next } = run(
      lines,
      i,
      (l) => !FENCE.test(l) && !QUOTE.test(l) && !BULLET.test(l) && !NUMBER.test(l)
    )
    blocks.push(h('p', {}, inline(taken.join('\n'))))
    i = next
  }
  return blocks
}
