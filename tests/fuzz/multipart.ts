import fc from 'fast-check'
import { deflateSync } from 'node:zlib'

/*
 * Multipart bodies for the upload routes, whole or broken: cut before the
 * closing boundary, cut inside the part headers, a boundary that never
 * comes, no boundary at all, a declared length the client never finishes.
 */

/** One part of a form. */
export interface Part {
  name: string
  filename?: string
  type?: string
  bytes: Buffer
}

/** A complete multipart/form-data body and its content type. */
export function multipart(parts: Part[], boundary = `fuzz${Math.random().toString(16).slice(2)}`) {
  const chunks: Buffer[] = []
  for (const part of parts) {
    const disposition = part.filename
      ? `form-data; name="${part.name}"; filename="${part.filename}"`
      : `form-data; name="${part.name}"`
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: ${disposition}\r\n` +
          `Content-Type: ${part.type ?? 'application/octet-stream'}\r\n\r\n`
      ),
      part.bytes,
      Buffer.from('\r\n')
    )
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`))
  return {
    type: `multipart/form-data; boundary=${boundary}`,
    body: Buffer.concat(chunks),
    boundary,
  }
}

/** A tiny valid PNG (1×1), built by hand so that generating it costs nothing. */
export function tinyPng() {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4)
    length.writeUInt32BE(data.length)
    const body = Buffer.concat([Buffer.from(type), data])
    const crc = Buffer.alloc(4)
    crc.writeUInt32BE(crc32(body))
    return Buffer.concat([length, body, crc])
  }
  const header = Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0])
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.from([0, 0xff, 0, 0]))),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

function crc32(bytes: Buffer) {
  let crc = ~0
  for (const byte of bytes) {
    crc ^= byte
    for (let bit = 0; bit < 8; bit++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1))
  }
  return ~crc >>> 0
}

/** An upload request body: what to send, with which content type, and whether to give up midway. */
export interface UploadBody {
  kind: string
  type: string
  body: Buffer
  /** Bytes sent before the client stops sending (the body is never finished). */
  sendOnly?: number
  contentLength?: string
  /** The server must answer before the body ends (a declared size over every limit). */
  answerEarly?: boolean
}

const fileBytes = fc.oneof(
  fc.constant(tinyPng()),
  fc.uint8Array({ minLength: 0, maxLength: 3000 }).map((bytes) => Buffer.from(bytes)),
  fc.constant(Buffer.from('%PDF-1.7\n')),
  fc.constant(Buffer.alloc(0))
)

/** Whole, truncated and malformed multipart bodies. */
export const uploadBody: fc.Arbitrary<UploadBody> = fc
  .record({
    bytes: fileBytes,
    field: fc.constantFrom('file', 'avatar', '', 'file[]', '\u0000'),
    filename: fc.constantFrom('a.png', '../../.env', '', 'x\u0000.png', '\ud800.png', 'é😀.png'),
    cut: fc.double({ min: 0, max: 1, noNaN: true }),
    variant: fc.constantFrom(
      'whole',
      'no closing boundary',
      'cut anywhere',
      'wrong boundary',
      'no boundary parameter',
      'client gives up',
      'declared too large',
      'declared larger than sent'
    ),
  })
  .map(({ bytes, field, filename, cut, variant }): UploadBody => {
    const form = multipart([{ name: field, filename, type: 'image/png', bytes }])
    const closing = Buffer.byteLength(`--${form.boundary}--\r\n`)
    switch (variant) {
      case 'no closing boundary':
        return {
          kind: variant,
          type: form.type,
          body: form.body.subarray(0, form.body.length - closing),
        }
      case 'cut anywhere':
        return {
          kind: variant,
          type: form.type,
          body: form.body.subarray(0, Math.floor(form.body.length * cut)),
        }
      case 'wrong boundary':
        return { kind: variant, type: `multipart/form-data; boundary=other`, body: form.body }
      case 'no boundary parameter':
        return { kind: variant, type: 'multipart/form-data', body: form.body }
      case 'client gives up':
        return {
          kind: variant,
          type: form.type,
          body: form.body,
          sendOnly: Math.floor(form.body.length * cut),
        }
      case 'declared too large':
        return {
          kind: variant,
          type: form.type,
          body: form.body,
          contentLength: String(2 ** 40),
          sendOnly: 0,
          answerEarly: true,
        }
      case 'declared larger than sent':
        return {
          kind: variant,
          type: form.type,
          body: form.body,
          contentLength: String(form.body.length + 100),
          sendOnly: form.body.length,
        }
      default:
        return { kind: variant, type: form.type, body: form.body }
    }
  })
