import type { IncomingMessage } from 'node:http'
import type { ApplicationService } from '@adonisjs/core/types'
import type { SocketConfig } from '#config/socket'

/**
 * The graceful drain of a server node (docs/deploy.md, Draining): in the
 * web environment, once everything listens, registers what each part has
 * to finish (app/services/node_drain.ts) and runs the drain first when the
 * application terminates (SIGTERM, bin/server.ts): terminating hooks run
 * in reverse order, so this one runs before AdonisJS closes the HTTP
 * server and before the providers' shutdown (heartbeat row, jobs, pools).
 * DRAIN_TIMEOUT_MS bounds the whole stop: past it the process exits with
 * code 1 whatever is left; a drain whose steps gave up at that deadline
 * ends with code 1 too.
 */
export default class DrainProvider {
  constructor(protected app: ApplicationService) {}

  async ready() {
    if (this.app.getEnvironment() !== 'web') return
    const server = await this.app.container.make('server')
    const nodeServer = server.getNodeServer()
    if (!nodeServer) return
    const { default: env } = await import('#start/env')
    const {
      default: nodeDrain,
      DEFAULT_DRAIN_TIMEOUT_MS,
      armStopDeadline,
      settleBy,
    } = await import('#services/node_drain')
    const { registerNodeDrain } = await import('#realtime/drain')
    const { httpDrainParticipants } = await import('#services/http_drain')
    const socketPath = `${this.app.config.get<SocketConfig>('socket').path.replace(/\/$/, '')}/`
    const isStream = (request: IncomingMessage) => {
      const url = request.url ?? ''
      return url.startsWith(socketPath) || url.startsWith('/__transmit/events')
    }
    const delayMs = env.get('DRAIN_DELAY_MS') ?? 0
    for (const participant of httpDrainParticipants(nodeServer, { delayMs, isStream })) {
      nodeDrain.register(participant)
    }
    registerNodeDrain(nodeDrain)
    const { drainSends } = await import('#domain/messages/message_store')
    nodeDrain.register({
      name: 'group-commit batches',
      phase: 'settle',
      run: (until) => settleBy(drainSends(), until),
    })
    const timeoutMs = env.get('DRAIN_TIMEOUT_MS') ?? DEFAULT_DRAIN_TIMEOUT_MS
    this.app.terminating(async () => {
      armStopDeadline(timeoutMs)
      await nodeDrain.run(timeoutMs)
      if (nodeDrain.incomplete.length) process.exitCode = 1
    })
  }
}
