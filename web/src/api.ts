/**
 * The REST side of the client: JSON with a bearer token and the current
 * organization in `x-organization-id`, errors thrown as ApiError with the
 * server's `E_*` code (DESIGN.md §10).
 */

export class ApiError extends Error {
  constructor(
    public status: number,
    public code: string,
    message: string,
    public field?: string
  ) {
    super(message)
  }
}

const TOKEN_KEY = 'parley.token'

export const session = {
  token: localStorage.getItem(TOKEN_KEY),
  organizationId: null as string | null,
  setToken(token: string | null) {
    this.token = token
    if (token) localStorage.setItem(TOKEN_KEY, token)
    else localStorage.removeItem(TOKEN_KEY)
  },
}

/** Called when a request answers 401 with a token: the session is over. */
let onUnauthorized: () => void = () => {}
export function whenUnauthorized(handler: () => void) {
  onUnauthorized = handler
}

function headers(json: boolean): Record<string, string> {
  const result: Record<string, string> = { accept: 'application/json' }
  if (json) result['content-type'] = 'application/json'
  if (session.token) result.authorization = `Bearer ${session.token}`
  if (session.organizationId) result['x-organization-id'] = session.organizationId
  return result
}

async function parse<T>(response: Response): Promise<{ data: T; meta?: any }> {
  if (response.status === 204) return { data: undefined as T }
  const body = await response.json().catch(() => ({}))
  if (response.ok) return body
  const first = body?.errors?.[0] ?? {}
  if (response.status === 401 && session.token) onUnauthorized()
  throw new ApiError(
    response.status,
    first.code ?? 'E_HTTP',
    first.message ?? response.statusText,
    first.field
  )
}

/** One JSON request; resolves to `{ data, meta }`. */
export async function request<T = any>(method: string, path: string, body?: unknown) {
  const response = await fetch(path, {
    method,
    headers: headers(body !== undefined),
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  return parse<T>(response)
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
  const response = await fetch(path, { method: 'POST', headers: headers(false), body: form })
  const { data } = await parse<T>(response)
  return data
}
