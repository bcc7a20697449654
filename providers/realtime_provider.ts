import type { ApplicationService } from '@adonisjs/core/types'

/**
 * The Socket.IO gateway's lifecycle (STYLE.md 9): the fan-out listeners are
 * registered at boot, the gateway attaches to the HTTP server once it exists
 * (`ready`, web environment only; tests attach it themselves) and closes on
 * shutdown.
 */
export default class RealtimeProvider {
  constructor(protected app: ApplicationService) {}

  async boot() {
    const emitter = await this.app.container.make('emitter')
    const { registerRealtimeFanout } = await import('#listeners/realtime_fanout_listener')
    const { default: gateway } = await import('#realtime/gateway')
    registerRealtimeFanout(emitter, () => gateway.io)
  }

  async ready() {
    if (this.app.getEnvironment() !== 'web') return
    const server = await this.app.container.make('server')
    const nodeServer = server.getNodeServer()
    if (!nodeServer) return
    const { default: gateway } = await import('#realtime/gateway')
    gateway.attach(nodeServer)
  }

  async shutdown() {
    const { default: gateway } = await import('#realtime/gateway')
    await gateway.close()
  }
}
