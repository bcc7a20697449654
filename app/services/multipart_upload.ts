import type { IncomingMessage } from 'node:http'
import type { Readable } from 'node:stream'
import multiparty, { type Part } from '@poppinss/multiparty'
import type { HttpRequest } from '@adonisjs/core/http'
import { AppException, BadRequestException } from '#exceptions/app_exception'
import { tooLarge } from '#services/upload_inspector'

/** An uploaded file as the media actions see it. */
export interface IncomingFile {
  /** The file's bytes; errors (a malformed or cut body, a disconnect) arrive as stream errors. */
  stream: Readable
  /** The name the client gave. */
  clientName: string
  /**
   * Settles once the whole request body has been read: rejects when it was
   * malformed, cut at the size limit or abandoned. Handlers await it before
   * they keep anything, so a file is stored only from an intact request.
   */
  received: Promise<void>
}

/**
 * How much larger than the file the request body may be: boundaries, part
 * headers and small fields (1 MB). A body declared or streamed beyond
 * `maxBytes` plus this is refused with 413 without being read further.
 */
export const MULTIPART_OVERHEAD_BYTES = 1024 * 1024

/** Fields besides the file: a few, small (they are read and dropped). */
const FIELD_LIMITS = { maxFields: 20, maxFieldsSize: 64 * 1024 }

type Handler<T> = (file: IncomingFile) => Promise<T>

/**
 * Streams the single file of a multipart request (a route listed in
 * `processManually`, config/bodyparser.ts) to `handler` and returns what it
 * returned once the whole body has been read. Call it only after the
 * caller's access has been checked: nothing is read before.
 *
 * Every part gets an error listener before anything else happens, so a
 * malformed, truncated or abandoned body is a 400, never an unhandled
 * 'error' event. A Content-Length over the limit is refused before reading;
 * a body without one is cut when it passes the limit (the route's
 * `closeUnreadBody` middleware then closes the connection instead of
 * draining the rest). Further files and fields are read and dropped.
 */
export async function receiveFile<T>(
  request: HttpRequest,
  options: { field: string; maxBytes: number },
  handler: Handler<T>
): Promise<T> {
  const { field, maxBytes } = options
  if (!request.is(['multipart/form-data'])) {
    throw new BadRequestException(`Send the file as multipart/form-data in the "${field}" field`)
  }
  const limit = maxBytes + MULTIPART_OVERHEAD_BYTES
  const declared = Number(request.header('content-length') ?? 0)
  if (declared > limit) throw tooLarge(maxBytes)

  const { outcome, failure } = await parse(request.request, { field, limit, maxBytes }, handler)
  if (failure) {
    await outcome?.catch(() => {})
    throw failure
  }
  if (!outcome) {
    throw new AppException(`The ${field} field must be defined`, {
      status: 422,
      code: 'E_VALIDATION_ERROR',
      field,
    })
  }
  return outcome
}

interface Parsed<T> {
  outcome?: Promise<T>
  failure?: AppException
}

/**
 * Runs the parser over the request. Resolves once the body has been read
 * (or refused), with the handler's pending outcome and the body's failure.
 */
function parse<T>(
  req: IncomingMessage,
  options: { field: string; limit: number; maxBytes: number },
  handler: Handler<T>
): Promise<Parsed<T>> {
  return new Promise((resolve) => {
    const form = new multiparty.Form(FIELD_LIMITS)
    const body = bodyOutcome()
    const parsed: Parsed<T> = {}
    let current: Part | undefined
    let received = 0
    const settle = (failure?: AppException) => {
      if (body.settled) return
      req.off('data', count)
      parsed.failure = failure
      if (failure) current?.destroy(failure)
      body.settle(failure)
      resolve(parsed)
    }
    const count = (chunk: Buffer) => {
      received += chunk.length
      if (received <= options.limit) return
      req.unpipe(form)
      settle(tooLarge(options.maxBytes))
    }
    form.on('part', (part: Part) => {
      guard(part)
      if (parsed.outcome || part.name !== options.field || !part.filename) return void part.resume()
      current = part
      parsed.outcome = handler({ stream: part, clientName: part.filename, received: body.promise })
      parsed.outcome.catch(() => part.resume())
    })
    form.on('field', () => {})
    form.on('error', (error: Error) => settle(malformed(error)))
    form.on('close', () => settle())
    req.once('close', () => {
      if (!req.complete) settle(malformed(new Error('the client went away')))
    })
    form.parse(req)
    req.on('data', count)
  })
}

/**
 * Turns an 'error' the parser emits on a part (it uses `emit`, not
 * `destroy`) into a destroyed stream, so the error is never unhandled and
 * a consumer that starts reading later still sees it.
 */
function guard(part: Part) {
  part.on('error', (error) => {
    if (!part.destroyed) part.destroy(malformed(error))
  })
}

/** The `received` promise of a request body, settled once. */
function bodyOutcome() {
  let settle!: (failure?: AppException) => void
  const promise = new Promise<void>((resolve, reject) => {
    settle = (failure) => (failure ? reject(failure) : resolve())
  })
  promise.catch(() => {})
  const state = {
    settled: false,
    promise,
    settle: (failure?: AppException) => {
      state.settled = true
      settle(failure)
    },
  }
  return state
}

/** A body the parser could not read: 400, with the parser's reason kept out of the message. */
function malformed(error: Error): AppException {
  if (error instanceof AppException) return error
  return new BadRequestException('The multipart body is malformed or incomplete')
}
