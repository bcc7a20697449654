import http from 'node:http'
import https from 'node:https'
import { assertSafeUrl, guardedLookup, type AddressAllowance } from '#services/safe_address'

/** What an endpoint answered: its status and the start of its body. */
export interface EndpointAnswer {
  status: number
  body: string
}

/** How a POST to an endpoint someone else chose may go. */
export interface PostOptions {
  timeoutMs: number
  /** Largest answer body read, in bytes; the rest is never downloaded. */
  maxAnswerBytes: number
  /** Tests only: addresses allowed despite the SSRF rules (see safe_address.ts). */
  allowAddress?: AddressAllowance
}

/**
 * POSTs a JSON body to an admin-registered URL under the SSRF rules
 * (app/services/safe_address.ts): refused schemes, credentials and
 * addresses never get a connection, redirects are not followed (a 3xx is
 * an answer like any other), no cookie or Parley credential is sent, and
 * time and answer size are capped. Rejects with the reason when no answer
 * came (refused, timeout, connection error).
 */
export function postJson(
  target: string,
  body: string,
  headers: Record<string, string>,
  options: PostOptions
): Promise<EndpointAnswer> {
  const url = new URL(target)
  assertSafeUrl(url, options.allowAddress)
  const client = url.protocol === 'https:' ? https : http
  return new Promise((resolve, reject) => {
    const req = client.request(
      url,
      {
        method: 'POST',
        signal: AbortSignal.timeout(options.timeoutMs),
        lookup: guardedLookup(options.allowAddress),
        agent: false,
        headers: {
          'content-type': 'application/json',
          'content-length': String(Buffer.byteLength(body)),
          'user-agent': 'Parley-Webhook/1.0',
          ...headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = []
        let size = 0
        res.on('data', (chunk: Buffer) => {
          if (size >= options.maxAnswerBytes) return res.destroy()
          chunks.push(chunk.subarray(0, options.maxAnswerBytes - size))
          size += chunk.length
        })
        const done = () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') })
        res.on('end', done)
        res.on('close', done)
        res.on('error', done)
      }
    )
    req.on('error', reject)
    req.end(body)
  })
}
