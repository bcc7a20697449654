import { createConnection, createServer, type Server, type Socket } from 'node:net'
import { chmod, lstat, mkdir, unlink } from 'node:fs/promises'
import { dirname } from 'node:path'
import logger from '@adonisjs/core/services/logger'
import { OPERATIONS, runOperation } from '#admin/operations'
import { toErrorReport, type ErrorReport } from '#exceptions/error_shape'
import { MAX_REQUEST_BYTES, type LocalRequest } from '#admin/local_socket_protocol'

/**
 * The local admin door (DESIGN.md §9, as mmctl's `--local`): a Unix socket
 * under storage/ on which chatctl, run on the server host without --url,
 * asks this server to run an admin operation. The operation then runs in
 * the server process, through the same table as the admin API, so its live
 * effects happen here: the emitter's fan-out disconnects a deactivated
 * user's sockets and ends their SSE streams. Filesystem permissions are the
 * authentication: the directory is 0700 and the socket 0600, so only the
 * account that runs the server (and root) can connect. Such a caller acts
 * as the local principal, exactly like chatctl booting the app in-process.
 */
class LocalAdminSocket {
  #server?: Server
  #path?: string
  #connections = new Set<Socket>()

  /** The path it listens on, while it does. */
  get path() {
    return this.#path
  }

  /**
   * Listens on `path` (realtime of the web server: the admin socket provider;
   * tests call it themselves). A stale socket file left by a killed server
   * is replaced; a live one (another server on the same path) or a file that
   * is not a socket is left alone, and this server runs without the door.
   */
  async listen(path: string) {
    if (this.#server) return true
    const directory = dirname(path)
    await mkdir(directory, { recursive: true, mode: 0o700 })
    await chmod(directory, 0o700)
    if (!(await this.#clearStale(path))) return false
    const server = createServer((connection) => this.#serve(connection))
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(path, () => {
        server.off('error', reject)
        resolve()
      })
    })
    await chmod(path, 0o600)
    server.on('error', (error) => logger.error({ err: error }, 'local admin socket failed'))
    this.#server = server
    this.#path = path
    return true
  }

  /** Stops listening and removes the socket file (provider shutdown). */
  async close() {
    const server = this.#server
    if (!server) return
    this.#server = undefined
    this.#path = undefined
    for (const connection of this.#connections) connection.destroy()
    await new Promise<void>((resolve) => server.close(() => resolve()))
  }

  /** True when `path` is free to listen on (absent, or a stale socket now removed). */
  async #clearStale(path: string) {
    const existing = await lstat(path).catch(() => null)
    if (!existing) return true
    if (!existing.isSocket()) {
      logger.error(`${path} exists and is not a socket: the local admin socket is off`)
      return false
    }
    if (await answers(path)) {
      logger.warn(
        `another server listens on ${path}: the local admin socket of this one is off (give each node its own ADMIN_SOCKET_PATH)`
      )
      return false
    }
    await unlink(path)
    return true
  }

  #serve(connection: Socket) {
    this.#connections.add(connection)
    const aborter = new AbortController()
    let buffer = ''
    let started = false
    connection.setEncoding('utf8')
    connection.on('error', () => {})
    connection.once('close', () => {
      this.#connections.delete(connection)
      aborter.abort()
    })
    connection.on('data', (chunk: string) => {
      buffer += chunk
      let newline = buffer.indexOf('\n')
      while (newline >= 0) {
        const line = buffer.slice(0, newline)
        buffer = buffer.slice(newline + 1)
        if (!started) {
          started = true
          this.#run(connection, line, aborter).catch(() => connection.destroy())
        } else if (line.includes('"abort"')) aborter.abort()
        newline = buffer.indexOf('\n')
      }
      if (buffer.length > MAX_REQUEST_BYTES) {
        answer(connection, badRequest('The request is too large'))
      }
    })
  }

  async #run(connection: Socket, line: string, aborter: AbortController) {
    const request = parseRequest(line)
    if ('errors' in request) return answer(connection, request)
    try {
      const data = await runOperation(request.operation, request.input, {
        principal: { user: null, mode: 'local' },
        signal: aborter.signal,
        onProgress: (progress) => send(connection, { progress }),
      })
      answer(connection, { data })
    } catch (error) {
      const report = toErrorReport(error)
      if (report.status >= 500) logger.error({ err: error }, 'local admin operation failed')
      answer(connection, { status: report.status, errors: report.errors })
    }
  }
}

/** The request of one line, or the error report to answer with. */
function parseRequest(line: string): LocalRequest | ErrorReport {
  let value: Partial<LocalRequest> | null
  try {
    value = JSON.parse(line)
  } catch {
    return badRequest('The request is not JSON')
  }
  if (typeof value?.operation !== 'string' || !Object.hasOwn(OPERATIONS, value.operation)) {
    return { status: 404, errors: [{ code: 'E_NOT_FOUND', message: 'Unknown admin operation' }] }
  }
  const input = value.input ?? {}
  if (typeof input !== 'object' || Array.isArray(input)) {
    return badRequest('The input must be an object')
  }
  return { operation: value.operation, input }
}

function badRequest(message: string): ErrorReport {
  return { status: 400, errors: [{ code: 'E_BAD_REQUEST', message }] }
}

function send(connection: Socket, message: unknown) {
  if (connection.writable) connection.write(`${JSON.stringify(message)}\n`)
}

/** Sends the final line and closes the connection. */
function answer(connection: Socket, message: unknown) {
  if (connection.writable) connection.end(`${JSON.stringify(message)}\n`)
  else connection.destroy()
}

/** Whether a server accepts connections on the socket at `path`. */
function answers(path: string) {
  return new Promise<boolean>((resolve) => {
    const probe = createConnection(path)
    probe.once('connect', () => {
      probe.destroy()
      resolve(true)
    })
    probe.once('error', () => resolve(false))
  })
}

/** This process's local admin socket. */
const localAdminSocket = new LocalAdminSocket()
export default localAdminSocket
