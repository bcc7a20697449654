import { isAbsolute, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * The local admin socket's wire format, shared by the server
 * (app/admin/local_socket.ts) and chatctl (commands/local_socket_client.ts).
 * Kept free of application imports, so chatctl can use it without booting
 * the app. One connection carries one operation as newline-delimited JSON:
 *
 * - client → server: `{ "operation": "user:deactivate", "input": { … } }`,
 *   then optionally `{ "abort": true }` (Ctrl-C: long work stops at its next
 *   batch and still answers);
 * - server → client: any number of `{ "progress": { … } }` lines (key
 *   rotation), then one `{ "data": … }` or `{ "status": 404, "errors": [ … ] }`
 *   line, and the server closes the connection.
 */
export interface LocalRequest {
  operation: string
  input: Record<string, unknown>
}

/** The largest request line the server reads (input of any admin operation is far smaller). */
export const MAX_REQUEST_BYTES = 1024 * 1024

/** Where the socket lives unless ADMIN_SOCKET_PATH says otherwise (under the app root). */
export const DEFAULT_SOCKET_PATH = 'storage/run/admin.sock'

/**
 * The socket's absolute path: ADMIN_SOCKET_PATH when set (relative paths are
 * relative to the application root), else storage/run/admin.sock. The server
 * and chatctl resolve it the same way, so they meet at the same file.
 */
export function adminSocketPath(appRoot: URL, configured?: string) {
  const root = fileURLToPath(appRoot)
  const path = configured?.trim() || DEFAULT_SOCKET_PATH
  return isAbsolute(path) ? path : resolve(root, path)
}
