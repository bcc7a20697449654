/*
 * Open Graph data from the head of an HTML page: `og:title`,
 * `og:description`, `og:image`, `og:site_name`, falling back to `<title>`
 * and `<meta name="description">`. Values are entity-decoded, trimmed and
 * cut; an image URL must be http(s) (it is the client's to load, or not).
 */

/** A link preview, as stored and sent to clients. */
export interface LinkPreview {
  url: string
  title: string | null
  description: string | null
  imageUrl: string | null
  siteName: string | null
}

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
}

function decode(value: string) {
  return value.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (entity, code: string) => {
    if (code[0] === '#') {
      const point =
        code[1].toLowerCase() === 'x'
          ? Number.parseInt(code.slice(2), 16)
          : Number.parseInt(code.slice(1), 10)
      return point > 0 && point <= 0x10ffff ? String.fromCodePoint(point) : ''
    }
    return ENTITIES[code.toLowerCase()] ?? entity
  })
}

function clean(value: string | undefined, max: number) {
  if (!value) return null
  const text = decode(value).replace(/\s+/g, ' ').trim()
  return text ? [...text].slice(0, max).join('') : null
}

/** The attributes of one tag, by lower-cased name. */
function attributes(tag: string) {
  const found: Record<string, string> = {}
  for (const match of tag.matchAll(/([\w:-]+)\s*=\s*("([^"]*)"|'([^']*)'|([^\s"'>]+))/g)) {
    found[match[1].toLowerCase()] = match[3] ?? match[4] ?? match[5] ?? ''
  }
  return found
}

/** The preview of a page fetched from `url`. */
export function openGraph(url: string, html: string): LinkPreview {
  const meta: Record<string, string> = {}
  for (const [tag] of html.matchAll(/<meta\b[^>]*>/gi)) {
    const attrs = attributes(tag)
    const key = (attrs.property ?? attrs.name ?? '').toLowerCase()
    if (key && attrs.content !== undefined && !(key in meta)) meta[key] = attrs.content
  }
  const title = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(html)?.[1]
  const image = clean(meta['og:image'], 2048)
  let imageUrl: string | null = null
  if (image) {
    try {
      const resolved = new URL(image, url)
      if (resolved.protocol === 'http:' || resolved.protocol === 'https:')
        imageUrl = resolved.toString()
    } catch {}
  }
  return {
    url,
    title: clean(meta['og:title'] ?? title, 300),
    description: clean(meta['og:description'] ?? meta.description, 1000),
    imageUrl,
    siteName: clean(meta['og:site_name'], 100),
  }
}

/** The first http(s) URL of a message body, if any. */
export function firstUrl(content: string) {
  const match = /\bhttps?:\/\/[^\s<>"'`]+/i.exec(content)?.[0]
  if (!match) return null
  const trimmed = match.replace(/[.,;:!?)\]]+$/, '')
  try {
    return new URL(trimmed).toString()
  } catch {
    return null
  }
}
