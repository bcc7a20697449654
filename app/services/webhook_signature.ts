import { createHmac, timingSafeEqual } from 'node:crypto'

/*
 * How Parley signs what it sends to webhook and slash command endpoints
 * (docs/integrations.md): the header
 *
 *   X-Parley-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>
 *
 * (after an outgoing webhook's secret rotation, a second `v1` under the
 * previous secret follows during the grace period: accept any `v1`).
 *
 * The timestamp is inside the MAC, so a receiver that checks it against its
 * clock (SIGNATURE_TOLERANCE_SECONDS, 5 minutes) refuses a captured request
 * replayed later; the raw body is MACed byte for byte, so any change to it
 * breaks the signature. Retries are signed again with a fresh timestamp.
 */

/** The header that carries the signature. */
export const SIGNATURE_HEADER = 'x-parley-signature'

/** How old (or how far in the future) a signed request may be when it arrives. */
export const SIGNATURE_TOLERANCE_SECONDS = 300

function mac(secret: string, timestamp: number, body: string) {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')
}

/**
 * The `X-Parley-Signature` value for a body sent at `timestamp` (unix
 * seconds). With `previous` (an outgoing webhook's secret during the grace
 * period after a rotation) it carries a second `v1`, under the previous
 * secret, after the current one: `t=…,v1=<current>,v1=<previous>`.
 */
export function signBody(secret: string, timestamp: number, body: string, previous?: string) {
  const extra = previous ? `,v1=${mac(previous, timestamp, body)}` : ''
  return `t=${timestamp},v1=${mac(secret, timestamp, body)}${extra}`
}

/**
 * Whether a signature header is valid for a body, now: one of its `v1`
 * MACs matches (compared in constant time) and the timestamp is within the
 * tolerance. What a receiver runs; Parley's tests run it as one.
 */
export function verifySignature(
  secret: string,
  header: string | undefined,
  body: string,
  nowSeconds = Math.floor(Date.now() / 1000)
) {
  const parts = String(header ?? '')
    .split(',')
    .map((part) => part.split('=', 2) as [string, string | undefined])
  const timestamp = Number(parts.find(([key]) => key === 't')?.[1])
  const macs = parts.filter(([key]) => key === 'v1').map(([, value]) => value ?? '')
  if (!Number.isInteger(timestamp) || !macs.length) return false
  if (Math.abs(nowSeconds - timestamp) > SIGNATURE_TOLERANCE_SECONDS) return false
  const expected = Buffer.from(mac(secret, timestamp, body), 'hex')
  return macs.some(
    (value) => /^[0-9a-f]{64}$/.test(value) && timingSafeEqual(expected, Buffer.from(value, 'hex'))
  )
}
