import type { Readable } from 'node:stream'
import type { HttpRequest } from '@adonisjs/core/http'
import { AppException, BadRequestException } from '#exceptions/app_exception'

/** An uploaded file as the media actions see it: a stream and the name the client gave. */
export interface IncomingFile {
  stream: Readable
  clientName: string
}

/**
 * Hands the single file of a streamed multipart request (a route listed in
 * `processManually`, config/bodyparser.ts) to `handler`, and returns what
 * the handler returned once the whole request has been read.
 *
 * The bodyparser swallows errors thrown by file handlers, so the handler's
 * outcome is kept here and rethrown after `process()`; a failed handler's
 * stream is drained so the request completes. Further files are drained
 * unread (one file per request).
 */
export async function receiveFile<T>(
  request: HttpRequest,
  field: string,
  handler: (file: IncomingFile) => Promise<T>
): Promise<T> {
  if (!request.is(['multipart/form-data'])) {
    throw new BadRequestException(`Send the file as multipart/form-data in the "${field}" field`)
  }
  let outcome: Promise<T> | undefined
  request.multipart.onFile(field, {}, async (part) => {
    if (outcome) return void part.resume()
    outcome = handler({ stream: part, clientName: part.filename })
    await outcome.catch(() => part.resume())
  })
  try {
    await request.multipart.process()
  } catch (error) {
    await outcome?.catch(() => {})
    throw error
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
