import http from 'node:http'
import type { AddressInfo } from 'node:net'

/** One request a local endpoint received: headers and the raw body, byte for byte. */
export interface ReceivedRequest {
  method: string
  path: string
  headers: http.IncomingHttpHeaders
  body: string
  at: number
}

/**
 * What the endpoint answers to the nth request (0-based): a status and an
 * optional JSON body, or a `raw` body as is; `delayMs` holds the answer back.
 */
export type Answer = (
  n: number,
  request: ReceivedRequest
) => { status: number; json?: unknown; raw?: string; delayMs?: number }

/**
 * A real HTTP server on 127.0.0.1 (a random port) standing in for a
 * webhook receiver or slash command endpoint: it records every request and
 * answers as told. Close it in the test's cleanup.
 */
export async function startEndpoint(answer: Answer = () => ({ status: 200 })) {
  const received: ReceivedRequest[] = []
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const request = {
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        at: Date.now(),
      }
      const reply = answer(received.length, request)
      received.push(request)
      const finish = () => {
        if (res.destroyed) return
        res.writeHead(reply.status, { 'content-type': 'application/json' })
        res.end(reply.raw ?? (reply.json === undefined ? '{}' : JSON.stringify(reply.json)))
      }
      if (reply.delayMs) setTimeout(finish, reply.delayMs).unref()
      else finish()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/hook`,
    port,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

/** The test-only SSRF allowance: 127.0.0.1 and nothing else. */
export const LOOPBACK_ONLY = (address: string) => address === '127.0.0.1'
