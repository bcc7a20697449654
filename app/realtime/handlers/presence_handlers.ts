import logger from '@adonisjs/core/services/logger'
import presence from '#services/presence_service'
import type { ParleySocket } from '#realtime/ack'

/*
 * Presence follows the socket's life: online in its organization on
 * connect, offline (after the grace period, if it was the user's last
 * socket there) on disconnect. `switch_organization` moves it along.
 */

/** A socket came in: its user is online in its organization. */
export function presenceConnected(socket: ParleySocket) {
  presence
    .connect(socket.data.organizationId, socket.data.userId, socket.id)
    .catch((error) => logger.error({ err: error }, 'presence connect failed'))
}

/** A socket went: its user may go offline in its current organization. */
export function presenceDisconnected(socket: ParleySocket) {
  presence
    .disconnect(socket.data.organizationId, socket.data.userId, socket.id)
    .catch((error) => logger.error({ err: error }, 'presence disconnect failed'))
}
