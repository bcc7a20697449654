import { Transform, finished, type Readable, type TransformCallback } from 'node:stream'
import { createHash } from 'node:crypto'
import { fileTypeFromBuffer } from 'file-type'
import { AppException } from '#exceptions/app_exception'
import {
  COMPOUND_FILE,
  compoundDirectory,
  isSvg,
  legacyOfficeKind,
  ooxmlKind,
} from '#services/file_kinds'

/** How many leading bytes decide a file's type (what `file-type` needs). */
export const SNIFF_BYTES = 4100

/** What the inspector found in an upload's bytes. */
export interface InspectedFile {
  mime: string
  ext: string
  size: number
  sha256: string
}

/**
 * A pass-through `Transform` on an upload: counts bytes (failing with 413
 * past `maxBytes`), hashes them (sha256), and holds back the first 4,100
 * bytes until their magic number is judged against `allowed` (415
 * otherwise), so nothing of a refused file reaches the disk.
 *
 * It must stay a Transform: a `PassThrough` tapped with `.on('data')` loses
 * chunks to the flowing-mode race and silently stores a truncated file
 * (FIELD-NOTES, "Media with Drive 4").
 */
export class UploadInspector extends Transform {
  #size = 0
  #hash = createHash('sha256')
  #head: Buffer[] = []
  #headLength = 0
  #type?: { mime: string; ext: string }
  /** A compound file's first directory sector, copied as it streams past (legacy Office). */
  #directory?: { offset: number; bytes: Buffer; filled: number }

  constructor(private options: { maxBytes: number; allowed: string[] }) {
    super()
  }

  /** The measured file; only meaningful once the stream has finished. */
  get result(): InspectedFile {
    return {
      mime: this.#type!.mime,
      ext: this.#type!.ext,
      size: this.#size,
      sha256: this.#hash.digest('hex'),
    }
  }

  _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
    const position = this.#size
    this.#size += chunk.length
    if (this.#size > this.options.maxBytes) return callback(tooLarge(this.options.maxBytes))
    this.#hash.update(chunk)
    if (this.#type) return this.#pass(chunk, position, callback)
    this.#head.push(chunk)
    this.#headLength += chunk.length
    if (this.#headLength < SNIFF_BYTES) return callback()
    this.#releaseHead(callback)
  }

  _flush(callback: TransformCallback) {
    if (this.#directory) return callback(unsupported('a truncated compound file'))
    if (this.#type) return callback()
    if (this.#headLength === 0) {
      return callback(
        new AppException('The file is empty', {
          status: 422,
          code: 'E_VALIDATION_ERROR',
          field: 'file',
        })
      )
    }
    this.#releaseHead(callback)
  }

  #releaseHead(callback: TransformCallback) {
    const head = Buffer.concat(this.#head)
    this.#head = []
    detectType(head.subarray(0, SNIFF_BYTES), this.options.allowed)
      .then((type) => {
        this.#type = type
        if (type.mime === COMPOUND_FILE) this.#awaitDirectory(head)
        this.#pass(head, 0, callback)
      })
      .catch(callback)
  }

  /** A compound file is judged by its directory: remember where it is. */
  #awaitDirectory(head: Buffer) {
    const where = compoundDirectory(head)
    if (!where) throw unsupported('a compound file')
    this.#directory = { offset: where.offset, bytes: Buffer.alloc(where.length), filled: 0 }
  }

  /** Passes bytes on, copying what they hold of an awaited directory sector and judging it once whole. */
  #pass(chunk: Buffer, position: number, callback: TransformCallback) {
    const directory = this.#directory
    if (directory) {
      const from = Math.max(directory.offset, position)
      const to = Math.min(directory.offset + directory.bytes.length, position + chunk.length)
      if (from < to) {
        chunk.copy(directory.bytes, from - directory.offset, from - position, to - position)
        directory.filled += to - from
      }
      if (directory.filled === directory.bytes.length) {
        this.#directory = undefined
        const kind = legacyOfficeKind(directory.bytes)
        if (!kind || !this.options.allowed.includes(kind.mime)) {
          return callback(
            unsupported(kind?.mime ?? 'a compound file that is not an Office document')
          )
        }
        this.#type = kind
      }
    }
    callback(null, chunk)
  }
}

/**
 * The type of a file from its first bytes: a known magic number, else plain
 * text when the bytes are UTF-8 without NUL (binary formats nearly always
 * hold a NUL in their first 4 KB). Refused with 415 unless allowed.
 */
export async function detectType(head: Buffer, allowed: string[]) {
  const type = judge(await fileTypeFromBuffer(head), head)
  if (type === 'macro') throw unsupported('a macro-enabled Office document')
  const provisional = type?.mime === COMPOUND_FILE
  const admitted = provisional
    ? LEGACY_OFFICE.some((mime) => allowed.includes(mime))
    : type && allowed.includes(type.mime)
  if (!type || !admitted) throw unsupported(type?.mime ?? 'unknown binary')
  return { mime: type.mime, ext: type.ext }
}

/** The legacy Office types a compound file may turn out to be. */
const LEGACY_OFFICE = [
  'application/msword',
  'application/vnd.ms-excel',
  'application/vnd.ms-powerpoint',
]

/** `file-type`'s names for MPEG-1 and MPEG-2 program streams: both are `video/mpeg` (RFC 2046). */
const MPEG_SYSTEMS = ['video/MP1S', 'video/MP2P']

/** The zip-based types `file-type` may name; Parley decides them from `[Content_Types].xml` itself. */
const ZIP_FAMILY =
  /^application\/(zip|vnd\.openxmlformats-officedocument\.|vnd\.ms-(word|excel|powerpoint)\.)/

/**
 * Refines what `file-type` found: a zip is an Office Open XML document only
 * if its `[Content_Types].xml` says so (never by folder names), text is SVG
 * when its root element is `<svg>`, and XML or text otherwise stays text
 * (XML only when it is an SVG image).
 */
function judge(detected: { mime: string; ext: string } | undefined, head: Buffer) {
  if (detected && MPEG_SYSTEMS.includes(detected.mime)) return { mime: 'video/mpeg', ext: 'mpg' }
  if (detected && ZIP_FAMILY.test(detected.mime)) {
    return ooxmlKind(head) ?? { mime: 'application/zip', ext: 'zip' }
  }
  if (detected && detected.mime !== 'application/xml') return detected
  if (!looksLikeText(head)) return detected
  if (isSvg(new TextDecoder('utf-8').decode(head))) return { mime: 'image/svg+xml', ext: 'svg' }
  return detected ?? { mime: 'text/plain', ext: 'txt' }
}

/** 415: a type Parley does not store. */
function unsupported(what: string) {
  return new AppException(`This type of file is not allowed (${what})`, {
    status: 415,
    code: 'E_UNSUPPORTED_MEDIA_TYPE',
    field: 'file',
  })
}

function looksLikeText(head: Buffer): boolean {
  if (head.includes(0)) return false
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true })
    return true
  } catch {
    return false
  }
}

/** 413 for a file over `maxBytes`. */
export function tooLarge(maxBytes: number) {
  const mb = Math.round(maxBytes / (1024 * 1024))
  return new AppException(`The file is larger than ${mb} MB`, {
    status: 413,
    code: 'E_PAYLOAD_TOO_LARGE',
    field: 'file',
  })
}

/**
 * Pipes an incoming upload into a new inspector. Errors of the source are
 * forwarded (pipe does not), also when the source failed before this was
 * called (`finished` reports an already errored stream); `release()` detaches a failed upload and drains
 * the rest of it without storing, so the multipart request can complete and
 * the error response can be sent. The source is never destroyed: that would
 * stall the multipart parser.
 */
export function inspectUpload(source: Readable, options: { maxBytes: number; allowed: string[] }) {
  const inspector = new UploadInspector(options)
  finished(source, (error) => {
    if (error && !inspector.destroyed) inspector.destroy(error)
  })
  source.pipe(inspector)
  const release = () => {
    source.unpipe(inspector)
    source.resume()
  }
  return { inspector, release }
}
