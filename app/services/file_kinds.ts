import { inflateRawSync } from 'node:zlib'

/*
 * What `file-type` cannot tell from magic numbers alone, judged from the
 * bytes here: which Office Open XML document a zip is (its
 * `[Content_Types].xml`), which legacy Office document a compound file is
 * (its directory), and whether a text file is an SVG image.
 */

/** A detected type: the MIME type that names the format, and its usual extension. */
export interface FileKind {
  mime: string
  ext: string
}

/** The three Office Open XML documents, by the content type of their main part. */
const OOXML: Record<string, FileKind> = {
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml': {
    mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    ext: 'docx',
  },
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml': {
    mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    ext: 'xlsx',
  },
  'application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml': {
    mime: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    ext: 'pptx',
  },
}

/** The legacy Office documents, by the stream their compound file must hold. */
const LEGACY: Record<string, FileKind> = {
  'worddocument': { mime: 'application/msword', ext: 'doc' },
  'workbook': { mime: 'application/vnd.ms-excel', ext: 'xls' },
  'book': { mime: 'application/vnd.ms-excel', ext: 'xls' },
  'powerpoint document': { mime: 'application/vnd.ms-powerpoint', ext: 'ppt' },
}

/** The MIME type `file-type` gives every compound file (MSI installers and Outlook items included). */
export const COMPOUND_FILE = 'application/x-cfb'

/** `[Content_Types].xml` is a few KB at most; anything bigger is not read. */
const MAX_CONTENT_TYPES_BYTES = 64 * 1024

/**
 * The Office Open XML document a zip is, read from its `[Content_Types].xml`
 * entry when that entry lies within `head` (Office writes it first):
 * a Word, Excel or PowerPoint document; `'macro'` for their macro-enabled
 * variants (refused: they carry code); null for any other zip.
 */
export function ooxmlKind(head: Buffer): FileKind | 'macro' | null {
  const xml = zipEntry(head, '[Content_Types].xml')
  if (xml === null) return null
  const main = /ContentType="([^"]+\.main\+xml)"/.exec(xml)?.[1]
  if (!main) return null
  if (OOXML[main]) return OOXML[main]
  return /macroenabled|ms-word\.|ms-excel\.|ms-powerpoint\./i.test(main) ? 'macro' : null
}

/** The text of a stored or deflated entry among the zip's first local headers, if present in `head`. */
function zipEntry(head: Buffer, name: string): string | null {
  let offset = 0
  while (offset + 30 <= head.length && head.readUInt32LE(offset) === 0x04034b50) {
    const flags = head.readUInt16LE(offset + 6)
    const method = head.readUInt16LE(offset + 8)
    const compressed = head.readUInt32LE(offset + 18)
    const nameLength = head.readUInt16LE(offset + 26)
    const extraLength = head.readUInt16LE(offset + 28)
    const start = offset + 30 + nameLength + extraLength
    const entryName = head.toString('utf8', offset + 30, offset + 30 + nameLength)
    // A size deferred to a data descriptor cannot be followed to the next header.
    if (flags & 0x08 && entryName !== name) return null
    if (entryName === name) return entryText(head, start, compressed, method, flags)
    offset = start + compressed
  }
  return null
}

function entryText(head: Buffer, start: number, size: number, method: number, flags: number) {
  const end = flags & 0x08 ? head.length : start + size
  if (end > head.length || size > MAX_CONTENT_TYPES_BYTES) return null
  const bytes = head.subarray(start, end)
  try {
    if (method === 0) return bytes.toString('utf8')
    if (method !== 8) return null
    return inflateRawSync(bytes, { maxOutputLength: MAX_CONTENT_TYPES_BYTES }).toString('utf8')
  } catch {
    return null
  }
}

/**
 * Where a compound file's first directory sector lies, from its header
 * (sector size at 0x1E, first directory sector at 0x30), or null when the
 * header is not a compound file's.
 */
export function compoundDirectory(head: Buffer): { offset: number; length: number } | null {
  if (head.length < 512 || head.readUInt32LE(0) !== 0xe011cfd0) return null
  const shift = head.readUInt16LE(0x1e)
  if (shift !== 9 && shift !== 12) return null
  const sector = head.readUInt32LE(0x30)
  if (sector >= 0xfffffffa) return null
  const size = 1 << shift
  return { offset: (sector + 1) * size, length: size }
}

/**
 * The legacy Office document whose directory sector this is: a Word, Excel
 * or PowerPoint stream among its 128-byte entries (UTF-16LE names); null
 * for any other compound file (installers, Outlook items…).
 */
export function legacyOfficeKind(directory: Buffer): FileKind | null {
  for (let entry = 0; entry + 128 <= directory.length; entry += 128) {
    const nameBytes = directory.readUInt16LE(entry + 0x40)
    const type = directory[entry + 0x42]
    if (nameBytes < 2 || nameBytes > 64 || type !== 2) continue
    const name = directory.toString('utf16le', entry, entry + nameBytes - 2).toLowerCase()
    if (LEGACY[name]) return LEGACY[name]
  }
  return null
}

/**
 * Whether a text file is an SVG image: its first element (after an XML
 * declaration, comments and a doctype) is `<svg>`, with or without a prefix.
 */
export function isSvg(text: string) {
  const body = text
    .replace(/^\uFEFF/, '')
    .replace(/<\?[\s\S]*?\?>/g, '')
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<!DOCTYPE[^[>]*(\[[\s\S]*?\])?\s*>/i, '')
  const first = /<([A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)/.exec(body)
  return first?.[2].toLowerCase() === 'svg'
}
