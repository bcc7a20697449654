import type { ApplicationService } from '@adonisjs/core/types'

/**
 * The local admin socket's lifecycle (STYLE.md 9): a web server listens on
 * it once ready, so chatctl on this host runs its operations here, and
 * closes it (removing the file) on shutdown. Other environments (console,
 * tests, chatctl's own in-process fallback) never listen; the tests start it
 * themselves on a path of their own.
 */
export default class AdminSocketProvider {
  constructor(protected app: ApplicationService) {}

  async ready() {
    if (this.app.getEnvironment() !== 'web') return
    const { default: env } = await import('#start/env')
    const { adminSocketPath } = await import('#admin/local_socket_protocol')
    const { default: localAdminSocket } = await import('#admin/local_socket')
    const path = adminSocketPath(this.app.appRoot, env.get('ADMIN_SOCKET_PATH'))
    try {
      await localAdminSocket.listen(path)
    } catch (error) {
      const logger = await this.app.container.make('logger')
      logger.error({ err: error }, `cannot listen on the local admin socket ${path}`)
    }
  }

  async shutdown() {
    const { default: localAdminSocket } = await import('#admin/local_socket')
    await localAdminSocket.close()
  }
}
