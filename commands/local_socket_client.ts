import { createConnection, type Socket } from 'node:net'
import type { OperationProgress } from '#admin/operation'
import { adminSocketPath, type LocalRequest } from '#admin/local_socket_protocol'
import { ChatctlError, EXIT_CODES, fromServerErrors, type ServerError } from './errors.js'
import { APP_ROOT, appSetting } from './app_env.js'

/** What the server sends on the local admin socket, one JSON object a line. */
type ServerLine =
  { progress: OperationProgress } | { data: unknown } | { status: number; errors: ServerError[] }

/** Options of one local call. */
export interface LocalCallOptions {
  signal?: AbortSignal
  onProgress?: (progress: OperationProgress) => void
}

/** Why no server took the call: local mode then runs the operation in-process. */
export const NO_SERVER = Symbol('no server on the local admin socket')

/** The local admin socket of this Parley directory (ADMIN_SOCKET_PATH, or storage/run/admin.sock). */
export function localSocketPath() {
  return adminSocketPath(APP_ROOT, appSetting('ADMIN_SOCKET_PATH'))
}

/**
 * Asks the running server to run one admin operation over its local admin
 * socket (app/admin/local_socket.ts) and resolves with its result, relaying
 * progress lines. Resolves NO_SERVER when no server listens (no socket file,
 * or a stale one left by a killed server). A socket this user may not open
 * is E_UNAUTHORIZED: falling back would skip the running server's live
 * effects, so it is reported instead.
 */
export function callLocalSocket(
  operation: string,
  input: Record<string, unknown>,
  options: LocalCallOptions = {},
  path = localSocketPath()
): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const socket = createConnection(path)
    let connected = false
    let settled = false
    const settle = (fn: () => void) => {
      if (settled) return
      settled = true
      options.signal?.removeEventListener('abort', abort)
      fn()
    }
    const abort = () => socket.write(`${JSON.stringify({ abort: true })}\n`)
    socket.setEncoding('utf8')
    socket.once('connect', () => {
      connected = true
      const request: LocalRequest = { operation, input }
      socket.write(`${JSON.stringify(request)}\n`)
      if (options.signal?.aborted) abort()
      else options.signal?.addEventListener('abort', abort, { once: true })
    })
    onLines(socket, (line) => {
      if (!line) {
        settle(() => reject(socketError(path, new Error('an answer that is not JSON'))))
        socket.destroy()
      } else if ('progress' in line) options.onProgress?.(line.progress)
      else if ('data' in line) settle(() => resolve(line.data))
      else settle(() => reject(fromServerErrors(line.errors)))
    })
    socket.on('error', (error: NodeJS.ErrnoException) => {
      const noServer = !connected && (error.code === 'ENOENT' || error.code === 'ECONNREFUSED')
      settle(() => (noServer ? resolve(NO_SERVER) : reject(socketError(path, error))))
    })
    socket.once('close', () => {
      settle(() => reject(socketError(path, new Error('the server closed the connection'))))
    })
  })
}

/** Calls `onLine` with each complete line the server sends, parsed (null when not JSON). */
function onLines(socket: Socket, onLine: (line: ServerLine | null) => void) {
  let buffer = ''
  socket.on('data', (chunk: string) => {
    buffer += chunk
    let newline = buffer.indexOf('\n')
    while (newline >= 0) {
      const text = buffer.slice(0, newline)
      buffer = buffer.slice(newline + 1)
      onLine(parseLine(text))
      newline = buffer.indexOf('\n')
    }
  })
}

function parseLine(text: string): ServerLine | null {
  try {
    return JSON.parse(text) as ServerLine
  } catch {
    return null
  }
}

function socketError(path: string, error: NodeJS.ErrnoException) {
  if (error.code === 'EACCES' || error.code === 'EPERM') {
    return new ChatctlError(
      `Permission denied on the local admin socket ${path}`,
      'E_UNAUTHORIZED',
      EXIT_CODES.unauthorized,
      ['Run chatctl as the account that runs the Parley server (or use --url and --token).']
    )
  }
  return new ChatctlError(
    `The server on ${path} did not answer (${error.code ?? error.message})`,
    'E_CONNECTION_FAILED',
    EXIT_CODES.unreachable,
    ['Check the server log, or retry once the server has restarted.']
  )
}
