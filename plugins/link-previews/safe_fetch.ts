import http from 'node:http'
import https from 'node:https'
import {
  assertSafeUrl,
  guardedLookup,
  isPublicAddress,
  type AddressAllowance,
} from '#extensions/network'

/*
 * A fetch that cannot be turned against Parley's own network (SSRF), with
 * core's rules (`#extensions/network`): every host name is resolved and
 * each address is checked before the socket opens, and the socket connects
 * to exactly the address checked, so DNS rebinding between check and
 * connect is impossible. Redirects are followed by hand, each hop checked again.
 * Only http(s), only HTML, capped in bytes and time, with no cookie, token
 * or credential ever sent.
 */

/** Why a fetch was refused or failed. */
export class PreviewFetchError extends Error {}

/** What `safeFetch` may do. */
export interface SafeFetchOptions {
  /** Largest HTML body read, in bytes; the rest is never downloaded. */
  maxBytes: number
  /** Total time for every hop together, in ms. */
  timeoutMs: number
  /** Redirects followed at most. */
  maxRedirects: number
  /**
   * Tests only: addresses allowed despite the rules (a local test site on
   * 127.0.0.1). The provider never sets it; no setting reaches it.
   */
  allowAddress?: AddressAllowance
}

export { isPublicAddress }

/** The HTML of a page, or a PreviewFetchError naming why not. */
export async function safeFetch(url: string, options: SafeFetchOptions) {
  const signal = AbortSignal.timeout(options.timeoutMs)
  let current = new URL(url)
  for (let hop = 0; hop <= options.maxRedirects; hop++) {
    const answer = await request(current, options, signal)
    if (answer.kind === 'html') return { url: current.toString(), html: answer.html }
    current = new URL(answer.location, current)
  }
  throw new PreviewFetchError('too many redirects')
}

type Answer = { kind: 'html'; html: string } | { kind: 'redirect'; location: string }

function request(url: URL, options: SafeFetchOptions, signal: AbortSignal): Promise<Answer> {
  try {
    assertSafeUrl(url, options.allowAddress)
  } catch (error) {
    return Promise.reject(new PreviewFetchError((error as Error).message))
  }
  const client = url.protocol === 'https:' ? https : http
  return new Promise((resolve, reject) => {
    const req = client.get(
      url,
      {
        signal,
        lookup: guardedLookup(options.allowAddress),
        agent: false,
        headers: { 'accept': 'text/html', 'user-agent': 'ParleyLinkPreview/1.0' },
      },
      (res) => {
        const status = res.statusCode ?? 0
        if (status >= 300 && status < 400 && res.headers.location) {
          res.resume()
          return resolve({ kind: 'redirect', location: res.headers.location })
        }
        const type = String(res.headers['content-type'] ?? '')
          .split(';')[0]
          .trim()
          .toLowerCase()
        if (status !== 200 || !['text/html', 'application/xhtml+xml'].includes(type)) {
          res.destroy()
          return reject(new PreviewFetchError(`refused answer ${status} ${type || 'untyped'}`))
        }
        readCapped(res, options.maxBytes).then((html) => resolve({ kind: 'html', html }), reject)
      }
    )
    req.on('error', (error) =>
      reject(error instanceof PreviewFetchError ? error : new PreviewFetchError(error.message))
    )
  })
}

/** Reads at most `maxBytes` of a body, then stops the download (a preview needs the head only). */
function readCapped(res: http.IncomingMessage, maxBytes: number) {
  return new Promise<string>((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    res.on('data', (chunk: Buffer) => {
      const room = maxBytes - size
      chunks.push(chunk.subarray(0, room))
      size += Math.min(chunk.length, room)
      if (size >= maxBytes) {
        res.destroy()
        resolve(Buffer.concat(chunks).toString('utf8'))
      }
    })
    res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    res.on('error', (error) => reject(new PreviewFetchError(error.message)))
  })
}
