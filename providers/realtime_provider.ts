import type { ApplicationService } from '@adonisjs/core/types'

/**
 * The real-time lifecycle (STYLE.md 9): the fan-out listeners are registered
 * at boot; the Socket.IO gateway attaches to the HTTP server once it exists
 * and the revocation relay starts listening (`ready`, web environment
 * only; tests attach the gateway themselves); both close on shutdown.
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
    const { default: revocationRelay } = await import('#realtime/revocation_relay')
    gateway.attach(nodeServer)
    await revocationRelay.start()
  }

  async shutdown() {
    const { default: gateway } = await import('#realtime/gateway')
    const { default: revocationRelay } = await import('#realtime/revocation_relay')
    const { fanoutSettled } = await import('#listeners/realtime_fanout_listener')
    await fanoutSettled()
    await gateway.close()
    await revocationRelay.stop()
  }
}
