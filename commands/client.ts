import type { OperationId } from '#admin/operation_routes'
import { OPERATION_ROUTES, pathParams } from '#admin/operation_routes'
import { ChatctlError, EXIT_CODES, fromServerErrors } from './errors.js'

/** Where and how remote mode reaches a Parley server. */
export interface RemoteTarget {
  url: string
  token?: string
}

/**
 * Calls one admin operation over the admin REST API: path parameters from
 * the input, the rest as query string (GET, DELETE) or JSON body. Errors come
 * back with the server's `E_*` codes; a server that cannot be reached is
 * E_CONNECTION_FAILED.
 */
export async function callRemote(
  target: RemoteTarget,
  id: OperationId,
  input: Record<string, unknown>,
  signal?: AbortSignal
): Promise<unknown> {
  if (!target.token) {
    throw new ChatctlError(
      'Remote mode needs an admin token (--token or CHATCTL_TOKEN)',
      'E_UNAUTHORIZED',
      EXIT_CODES.unauthorized,
      ['On the server host: chatctl token create --user <admin email>']
    )
  }
  const route = OPERATION_ROUTES[id]
  const rest: Record<string, unknown> = { ...input }
  let path: string = route.path
  for (const name of pathParams(route.path)) {
    path = path.replace(`:${name}`, encodeURIComponent(String(rest[name])))
    delete rest[name]
  }
  const url = new URL(path, target.url.endsWith('/') ? target.url : `${target.url}/`)
  const reads = route.method === 'GET' || route.method === 'DELETE'
  for (const [key, value] of Object.entries(rest)) {
    if (reads && value !== undefined) url.searchParams.set(key, String(value))
  }
  const response = await send(url, {
    method: route.method,
    headers: {
      'authorization': `Bearer ${target.token}`,
      'accept': 'application/json',
      'content-type': 'application/json',
    },
    body: reads ? undefined : JSON.stringify(rest),
    signal,
  })
  const body = (await response.json().catch(() => null)) as {
    data?: unknown
    errors?: { code: string; message: string; field?: string }[]
  } | null
  if (response.ok) return body?.data ?? null
  throw fromServerErrors(
    body?.errors ?? [{ code: 'E_INTERNAL', message: `The server answered HTTP ${response.status}` }]
  )
}

async function send(url: URL, init: RequestInit) {
  try {
    return await fetch(url, init)
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error
    const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message
    throw new ChatctlError(
      `Cannot reach ${url.origin} (${cause})`,
      'E_CONNECTION_FAILED',
      EXIT_CODES.unreachable,
      ['Check --url / CHATCTL_URL and that the server is running.']
    )
  }
}
