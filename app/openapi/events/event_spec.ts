import { int, obj, str, type Schema } from '../builder.js'

/*
 * What the AsyncAPI document (app/openapi/asyncapi.ts) needs to know about
 * each Socket.IO and SSE event. The tables that use these types are keyed by
 * the gateway's event maps (app/realtime/socket_events.ts), so an event added
 * there without its entry here fails `tsc`; the two-way test
 * (tests/functional/system/asyncapi.spec.ts) compares them with what the
 * code actually emits and registers.
 */

/** Where a server→client event is delivered on SSE (Transmit channel kinds). */
export type SseChannelKind = 'user' | 'org' | 'room'

/** One client→server event: its payload, its ack's data and the error codes its ack can carry. */
export interface ClientEventSpec {
  summary: string
  description: string
  payload: Schema
  /** A valid payload. */
  example: unknown
  /** `data` of `{ ok: true, data }`. */
  ack: Schema
  /** A valid ack `data`. */
  ackExample: unknown
  /** Codes beyond those every event may answer (COMMON_ACK_ERRORS). */
  errors: string[]
}

/** One server→client event. */
export interface ServerEventSpec {
  summary: string
  description: string
  /** The one argument the event carries. */
  payload: Schema
  example: unknown
  /**
   * Who receives it: `socket` only (an answer to one socket), or the SSE
   * channel kinds the fan-out table sends it on (Socket.IO gets it too).
   */
  delivery: 'socket' | SseChannelKind[]
}

/**
 * Ack error codes any client→server event can answer: a bad payload, a room
 * or organization that is absent or another's, a session that ended, the
 * connection's event budget, a draining node, an organization requiring 2FA,
 * an unexpected failure.
 */
export const COMMON_ACK_ERRORS = [
  'E_VALIDATION_ERROR',
  'E_NOT_FOUND',
  'E_UNAUTHORIZED',
  'E_RATE_LIMITED',
  'E_SERVER_DRAINING',
  'E_TWO_FACTOR_REQUIRED',
  'E_INTERNAL',
]

/** The fields of an ack error: the REST error entry (`code`, `message`, `field?`), plus `retryAfter?`. */
export const ackErrorFields: Record<string, Schema> = {
  'code': str({ pattern: '^E_[A-Z0-9_]+$' }),
  'message': str(),
  'field?': str({ description: 'The payload field at fault (E_VALIDATION_ERROR)' }),
  'retryAfter?': int({ minimum: 0, description: 'With E_RATE_LIMITED: seconds to wait' }),
}

/** `{ code, message, field?, retryAfter? }`: an ack's error (component AckError). */
export const ackErrorSchema: Schema = obj(ackErrorFields)
