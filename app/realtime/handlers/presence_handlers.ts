import logger from '@adonisjs/core/services/logger'
import presence from '#services/presence_service'
import type { ParleySocket } from '#realtime/ack'
import type { ParleyServer } from '#realtime/gateway'

/**
 * Presence follows the socket's life: online in its organization on
 * connect, offline (after the grace period, if it was the user's last
 * socket there) on disconnect. `switch_organization` moves it along.
 */
export function registerPresenceHandlers(_io: ParleyServer, socket: ParleySocket) {
  const { userId } = socket.data
  presence
    .connect(socket.data.organizationId, userId, socket.id)
    .catch((error) => logger.error({ err: error }, 'presence connect failed'))
  socket.on('disconnect', () => {
    presence
      .disconnect(socket.data.organizationId, userId, socket.id)
      .catch((error) => logger.error({ err: error }, 'presence disconnect failed'))
  })
}
