import http from 'node:http'
import { randomBytes } from 'node:crypto'

/*
 * A hand-written HTTP client for hostile uploads: bodies the API client
 * cannot send (truncated multipart, a declared length larger than what is
 * sent, endless chunked streams, a disconnect halfway). It records how much
 * of the body had been sent when the answer came, which is how the tests
 * tell "refused before reading" from "read to the end, then refused".
 */

/** A multipart boundary and the pieces of a body built with it. */
export function multipart(boundary = `----parley${randomBytes(8).toString('hex')}`) {
  return {
    contentType: `multipart/form-data; boundary=${boundary}`,
    /** The headers of a file part (its bytes follow). */
    fileHead: (field: string, filename: string) =>
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\n` +
          `Content-Type: application/octet-stream\r\n\r\n`
      ),
    /** A complete text field part. */
    field: (name: string, value: string) =>
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`
      ),
    /** The end of a part, before the next part's head. */
    partEnd: Buffer.from('\r\n'),
    /** The closing boundary. */
    close: Buffer.from(`\r\n--${boundary}--\r\n`),
  }
}

export interface RawUpload {
  url: string
  path: string
  method?: 'POST' | 'PUT'
  headers: Record<string, string>
  /** Sent first. */
  body: Buffer
  /** Declared Content-Length; without it the body is chunked. */
  contentLength?: number
  /**
   * After `body`: end the request, hold it open, stream filler until
   * answered, disconnect, or wait for `when()` and then send `rest` and end.
   */
  then:
    | 'end'
    | 'hold'
    | 'disconnect'
    | { stream: number; close: Buffer }
    | { when: () => Promise<unknown>; rest: Buffer }
}

export interface RawAnswer {
  status: number
  headers: http.IncomingHttpHeaders
  body: any
  /** Body bytes written when the answer arrived. */
  sentWhenAnswered: number
  /** Whether the whole request had been sent when the answer arrived. */
  requestFinished: boolean
}

const FILLER = Buffer.alloc(256 * 1024, 'a')

/**
 * Sends a raw request and resolves with the answer (for `disconnect`, once
 * the socket is gone, with status 0). Write errors after the answer (the
 * server closing a connection whose body it refuses) are expected.
 */
export function rawUpload(options: RawUpload): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    let sent = 0
    let answered = false
    // Keep-alive, as browsers ask: closing is then the server's decision, visible in its answer.
    const headers: Record<string, string> = { connection: 'keep-alive', ...options.headers }
    if (options.contentLength !== undefined)
      headers['content-length'] = String(options.contentLength)
    const request = http.request(`${options.url}${options.path}`, {
      method: options.method ?? 'POST',
      headers,
      agent: false,
    })
    const write = (chunk: Buffer) => {
      sent += chunk.length
      return request.write(chunk)
    }
    request.on('error', (error) => {
      if (!answered && options.then !== 'disconnect') reject(error)
    })
    request.on('response', async (response) => {
      answered = true
      const sentWhenAnswered = sent
      const requestFinished = request.writableFinished
      let text = ''
      try {
        for await (const chunk of response) text += chunk
      } catch {}
      resolve({
        status: response.statusCode!,
        headers: response.headers,
        body: text ? JSON.parse(text) : null,
        sentWhenAnswered,
        requestFinished,
      })
    })
    const then = options.then
    sent += options.body.length
    request.write(options.body, () => {
      if (then !== 'disconnect') return
      setImmediate(() => {
        request.destroy()
        resolve({
          status: 0,
          headers: {},
          body: null,
          sentWhenAnswered: sent,
          requestFinished: false,
        })
      })
    })
    if (then === 'end') request.end()
    else if (typeof then === 'object' && 'when' in then) {
      void then.when().then(() => {
        sent += then.rest.length
        request.end(then.rest)
      }, reject)
    } else if (typeof then === 'object') {
      void (async () => {
        while (!answered && !request.destroyed && sent < then.stream) {
          if (!write(FILLER)) {
            await new Promise<void>((done) => {
              const events = ['drain', 'response', 'close'] as const
              const finish = () => {
                for (const event of events) request.off(event, finish)
                done()
              }
              for (const event of events) request.once(event, finish)
            })
          }
        }
        if (!answered && !request.destroyed) request.end(then.close)
      })()
    }
  })
}
