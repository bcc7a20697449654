import gateway from '#realtime/gateway'
import { handlersSettled } from '#realtime/ack'
import { endSseStreams } from '#realtime/sse'
import { fanoutSettled } from '#listeners/realtime_fanout_listener'
import { type NodeDrain, settleBy } from '#services/node_drain'

/**
 * The real-time part of a node's drain (app/services/node_drain.ts): socket
 * events already received are answered (new ones are refused with
 * E_SERVER_DRAINING in app/realtime/ack.ts), the fan-outs of everything
 * committed reach the adapter (other
 * nodes' sockets) and Transmit; then every socket is told to reconnect and
 * every SSE stream ends, so clients land on another node and catch up there.
 */
export function registerNodeDrain(drain: NodeDrain) {
  drain.register({
    name: 'socket events in flight',
    phase: 'settle',
    run: (until) => settleBy(handlersSettled(), until),
  })
  drain.register({
    name: 'fan-outs of what committed',
    phase: 'deliver',
    run: (until) => settleBy(fanoutSettled(), until),
  })
  drain.register({
    name: 'sockets and SSE streams handed off',
    phase: 'disconnect',
    async run(until) {
      gateway.handOff()
      endSseStreams()
      while (gateway.connectionCount > 0 && Date.now() < until) {
        await new Promise((resolve) => setTimeout(resolve, 25))
      }
      return gateway.connectionCount === 0
    },
  })
}
