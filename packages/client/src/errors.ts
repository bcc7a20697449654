/*
 * Typed errors: every failure the SDK reports is a ParleyError carrying the
 * server's `E_*` code, whichever door answered (a REST error body, a socket
 * ack, a failed handshake), or one of the SDK's own codes for what never
 * reached an answer.
 */

/** The codes Parley answers with (DESIGN.md §10), and the SDK's own (`E_NETWORK`, `E_TIMEOUT`, `E_NOT_CONNECTED`). */
export type ParleyErrorCode =
  | 'E_VALIDATION_ERROR'
  | 'E_UNAUTHORIZED'
  | 'E_FORBIDDEN'
  | 'E_NOT_FOUND'
  | 'E_CONFLICT'
  | 'E_IDEMPOTENCY_CONFLICT'
  | 'E_ROOM_KEY_STALE'
  | 'E_RATE_LIMITED'
  | 'E_TOO_MANY_REQUESTS'
  | 'E_SERVICE_UNAVAILABLE'
  | 'E_BAD_REQUEST'
  | 'E_PAYLOAD_TOO_LARGE'
  | 'E_UNSUPPORTED_MEDIA_TYPE'
  | 'E_NETWORK'
  | 'E_TIMEOUT'
  | 'E_NOT_CONNECTED'
  | (string & {})

/** One error entry as Parley sends it (REST body entry or ack error). */
export interface ErrorEntry {
  code: string
  message: string
  field?: string
  retryAfter?: number
}

export class ParleyError extends Error {
  override name = 'ParleyError'
  readonly code: ParleyErrorCode
  /** HTTP status for REST answers; undefined for socket acks and SDK codes. */
  readonly status?: number
  /** The offending field (validation errors). */
  readonly field?: string
  /** Seconds to wait before trying again (`Retry-After`, or the ack's `retryAfter`). */
  readonly retryAfter?: number
  /** Every entry of a REST error body (validation: one per field). */
  readonly errors: ErrorEntry[]

  constructor(
    entry: ErrorEntry,
    options: { status?: number; errors?: ErrorEntry[]; cause?: unknown } = {}
  ) {
    super(entry.message, { cause: options.cause })
    this.code = entry.code
    this.status = options.status
    this.field = entry.field
    this.retryAfter = entry.retryAfter
    this.errors = options.errors ?? [entry]
  }

  /** Whether trying again later may succeed: no answer, overload, rate limits, 5xx. */
  get retryable(): boolean {
    if (['E_NETWORK', 'E_TIMEOUT', 'E_NOT_CONNECTED'].includes(this.code)) return true
    if (['E_RATE_LIMITED', 'E_TOO_MANY_REQUESTS', 'E_SERVICE_UNAVAILABLE'].includes(this.code))
      return true
    return this.status !== undefined && (this.status >= 500 || this.status === 429)
  }
}

/** A ParleyError from a REST error response. */
export async function errorFromResponse(response: Response, body?: unknown): Promise<ParleyError> {
  const parsed = body ?? (await response.json().catch(() => ({})))
  const errors = ((parsed as { errors?: ErrorEntry[] })?.errors ?? []).filter(
    (entry) => entry && typeof entry.code === 'string'
  )
  const retryHeader = Number(response.headers.get('retry-after'))
  const first: ErrorEntry = errors[0] ?? {
    code: response.status === 401 ? 'E_UNAUTHORIZED' : 'E_HTTP',
    message: response.statusText || `HTTP ${response.status}`,
  }
  const retryAfter =
    first.retryAfter ?? (Number.isFinite(retryHeader) && retryHeader > 0 ? retryHeader : undefined)
  return new ParleyError({ ...first, retryAfter }, { status: response.status, errors })
}

export function isParleyError(error: unknown, code?: ParleyErrorCode): error is ParleyError {
  return error instanceof ParleyError && (code === undefined || error.code === code)
}
