import { Exception } from '@adonisjs/core/exceptions'

/**
 * An expected error with an HTTP status and a stable `E_*` code. The code is
 * the same string on REST, socket acks, SSE and `chatctl --json`.
 */
export class AppException extends Exception {
  /** The field the error is about, when there is one. */
  field?: string

  constructor(message: string, options: { status: number; code: string; field?: string }) {
    super(message, { status: options.status, code: options.code })
    this.field = options.field
  }
}

/** 404: absent, or owned by another organization, or a room the user is not in. */
export class NotFoundException extends AppException {
  constructor(message = 'Resource not found') {
    super(message, { status: 404, code: 'E_NOT_FOUND' })
  }
}

/** 409: the request conflicts with the current state. */
export class ConflictException extends AppException {
  constructor(message: string, code = 'E_CONFLICT') {
    super(message, { status: 409, code })
  }
}

/** 403: a member of the right organization whose role is too low. */
export class ForbiddenException extends AppException {
  constructor(message = 'You are not allowed to do this') {
    super(message, { status: 403, code: 'E_FORBIDDEN' })
  }
}

/** 400: the request cannot be served as sent. */
export class BadRequestException extends AppException {
  constructor(message: string, code = 'E_BAD_REQUEST') {
    super(message, { status: 400, code })
  }
}

/**
 * 429 on a socket (`E_RATE_LIMITED`): a budget is spent. `retryAfter` is in
 * whole seconds, like `Retry-After` on REST.
 */
export class RateLimitedException extends AppException {
  constructor(
    message: string,
    readonly retryAfter: number,
    code = 'E_RATE_LIMITED'
  ) {
    super(message, { status: 429, code })
  }
}
