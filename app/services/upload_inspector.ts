import { Transform, finished, type Readable, type TransformCallback } from 'node:stream'
import { createHash } from 'node:crypto'
import { fileTypeFromBuffer } from 'file-type'
import { AppException } from '#exceptions/app_exception'

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
    this.#size += chunk.length
    if (this.#size > this.options.maxBytes) return callback(tooLarge(this.options.maxBytes))
    this.#hash.update(chunk)
    if (this.#type) return callback(null, chunk)
    this.#head.push(chunk)
    this.#headLength += chunk.length
    if (this.#headLength < SNIFF_BYTES) return callback()
    this.#releaseHead(callback)
  }

  _flush(callback: TransformCallback) {
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
        callback(null, head)
      })
      .catch(callback)
  }
}

/**
 * The type of a file from its first bytes: a known magic number, else plain
 * text when the bytes are UTF-8 without NUL (binary formats nearly always
 * hold a NUL in their first 4 KB). Refused with 415 unless allowed.
 */
export async function detectType(head: Buffer, allowed: string[]) {
  const detected = await fileTypeFromBuffer(head)
  const type = detected ?? (looksLikeText(head) ? { mime: 'text/plain', ext: 'txt' } : undefined)
  if (!type || !allowed.includes(type.mime)) {
    throw new AppException(`This type of file is not allowed (${type?.mime ?? 'unknown binary'})`, {
      status: 415,
      code: 'E_UNSUPPORTED_MEDIA_TYPE',
      field: 'file',
    })
  }
  return { mime: type.mime, ext: type.ext }
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
