import { errors as vineErrors } from '@vinejs/vine'
import { errors as authErrors } from '@adonisjs/auth'
import { errors as lucidErrors } from '@adonisjs/lucid'
import { errors as bouncerErrors } from '@adonisjs/bouncer'
import { errors as limiterErrors } from '@adonisjs/limiter'
import { errors as coreErrors } from '@adonisjs/core'
import { AppException, RateLimitedException } from '#exceptions/app_exception'

/** One entry of the DESIGN.md error shape. */
export interface ApiError {
  code: string
  message: string
  field?: string
  /** On 5xx answers: the id of the request, also in `X-Request-Id` and the server's log line. */
  requestId?: string
}

/** What every door (REST, socket ack, SSE, CLI) says about an error. */
export interface ErrorReport {
  status: number
  errors: ApiError[]
  retryAfter?: number
}

/**
 * Maps any thrown error to the status and `E_*` codes of DESIGN.md §10.
 * Shared by the HTTP exception handler and the socket gateway so both
 * answer the same codes.
 */
export function toErrorReport(error: unknown): ErrorReport {
  if (error instanceof vineErrors.E_VALIDATION_ERROR) {
    const messages = error.messages as { field: string; message: string }[]
    return {
      status: 422,
      errors: messages.map((m) => ({
        code: 'E_VALIDATION_ERROR',
        message: m.message,
        field: m.field,
      })),
    }
  }
  if (error instanceof AppException) {
    const entry: ApiError = { code: error.code!, message: error.message }
    if (error.field) entry.field = error.field
    const report: ErrorReport = { status: error.status, errors: [entry] }
    if (error instanceof RateLimitedException) report.retryAfter = error.retryAfter
    return report
  }
  if (error instanceof authErrors.E_UNAUTHORIZED_ACCESS) {
    return one(401, 'E_UNAUTHORIZED', 'Authentication required')
  }
  if (error instanceof authErrors.E_INVALID_CREDENTIALS) {
    return one(401, 'E_UNAUTHORIZED', 'Invalid credentials')
  }
  if (error instanceof lucidErrors.E_ROW_NOT_FOUND) {
    return one(404, 'E_NOT_FOUND', 'Resource not found')
  }
  if (error instanceof coreErrors.E_ROUTE_NOT_FOUND) {
    return one(404, 'E_NOT_FOUND', 'Route not found')
  }
  if (error instanceof bouncerErrors.E_AUTHORIZATION_FAILURE) {
    return one(403, 'E_FORBIDDEN', 'You are not allowed to do this')
  }
  if (error instanceof limiterErrors.E_TOO_MANY_REQUESTS) {
    const report = one(429, 'E_TOO_MANY_REQUESTS', 'Too many requests, retry later')
    report.retryAfter = error.response.availableIn
    return report
  }
  if ((error as { code?: string }).code === 'E_CANNOT_SERVE_FILE') {
    return one(404, 'E_NOT_FOUND', 'File not found')
  }
  const status = (error as { status?: number }).status
  if (status === 400 && error instanceof RangeError) {
    return one(400, 'E_BAD_REQUEST', 'The JSON body is nested too deeply')
  }
  if (status === 400 || status === 413 || status === 415) {
    const codes: Record<number, string> = {
      400: 'E_BAD_REQUEST',
      413: 'E_PAYLOAD_TOO_LARGE',
      415: 'E_UNSUPPORTED_MEDIA_TYPE',
    }
    return one(status, codes[status], (error as Error).message || 'Bad request')
  }
  return one(500, 'E_INTERNAL', 'Internal server error')
}

function one(status: number, code: string, message: string): ErrorReport {
  return { status, errors: [{ code, message }] }
}
