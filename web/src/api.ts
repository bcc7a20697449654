import { ParleyClient, ParleyError, memoryStorage } from '@parley/client'

/*
 * The REST side of the client, on @parley/client: JSON with a bearer token
 * and the current organization in `x-organization-id`, errors thrown as
 * ApiError (a ParleyError) with the server's `E_*` code (DESIGN.md §10).
 */

/** A failed REST call: the SDK's ParleyError, with the HTTP status always set. */
export class ApiError extends ParleyError {
  declare readonly status: number

  constructor(status: number, code: string, message: string, field?: string) {
    super({ code, message, field }, { status })
  }
}

/**
 * The SDK error of a REST call as an ApiError; a call that got no answer
 * stays a plain network error (the views say the server could not be reached).
 */
function asApiError(error: unknown): never {
  if (error instanceof ParleyError && error.status === undefined) {
    throw new TypeError(error.message, { cause: error })
  }
  if (error instanceof ParleyError && !(error instanceof ApiError)) {
    const converted = new ApiError(error.status ?? 0, error.code, error.message, error.field)
    Object.assign(converted, { retryAfter: error.retryAfter, errors: error.errors })
    throw converted
  }
  throw error
}

const TOKEN_KEY = 'parley.token'

/** Called when a request answers 401 with a token: the session is over. */
let onUnauthorized: () => void = () => {}
export function whenUnauthorized(handler: () => void) {
  onUnauthorized = handler
}

/**
 * The SDK client of this tab. Its sync cursors live in memory: a reload
 * fetches each room's history again when it opens, so there is nothing to
 * resume from across reloads (the send queue itself is kept in localStorage).
 */
export const parley = new ParleyClient({
  baseUrl: location.origin,
  token: localStorage.getItem(TOKEN_KEY),
  storage: memoryStorage(),
  onUnauthorized: () => onUnauthorized(),
})

export const session = {
  get token() {
    return parley.token
  },
  get organizationId() {
    return parley.organizationId
  },
  set organizationId(organizationId: string | null) {
    parley.setOrganization(organizationId)
  },
  setToken(token: string | null) {
    parley.setToken(token)
    if (token) localStorage.setItem(TOKEN_KEY, token)
    else localStorage.removeItem(TOKEN_KEY)
  },
}

/** One JSON request; resolves to `{ data, meta }`. */
export function request<T = any>(method: string, path: string, body?: unknown) {
  return parley.request<T>(method, path, body).catch(asApiError)
}

export const get = <T = any>(path: string) => request<T>('GET', path).then((r) => r.data)
export const post = <T = any>(path: string, body: unknown = {}) =>
  request<T>('POST', path, body).then((r) => r.data)
export const put = <T = any>(path: string, body: unknown = {}) =>
  request<T>('PUT', path, body).then((r) => r.data)

/** Multipart upload of one file (field `file`). */
export async function upload<T = any>(path: string, file: File) {
  const form = new FormData()
  form.append('file', file, file.name)
  const { data } = await request<T>('POST', path, form)
  return data
}
