import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import localAdminSocket from '#admin/local_socket'

/**
 * Starts the test server's local admin socket in a fresh private directory
 * (so concurrent test runs never share one) and exports its path as
 * ADMIN_SOCKET_PATH, which the chatctl children inherit. Returns the
 * function that closes it and removes the directory.
 */
export async function startTestAdminSocket() {
  const directory = mkdtempSync(join(tmpdir(), 'parley-admin-'))
  const path = join(directory, 'run', 'admin.sock')
  process.env.ADMIN_SOCKET_PATH = path
  await localAdminSocket.listen(path)
  return async () => {
    await localAdminSocket.close()
    rmSync(directory, { recursive: true, force: true })
  }
}

/** The test server's admin socket path (set by startTestAdminSocket). */
export function testAdminSocketPath() {
  return process.env.ADMIN_SOCKET_PATH!
}
