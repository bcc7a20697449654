import transmit from '@adonisjs/transmit/services/main'
import logger from '@adonisjs/core/services/logger'
import { AppException } from '#exceptions/app_exception'
import { checkSessions, type SessionClaim, type SessionVerdict } from '#queries/live_sessions'
import { parseSseChannel, sseSessions } from '#realtime/sse'
import type { ParleySocket } from '#realtime/ack'
import type { ParleyServer } from '#realtime/gateway'

/** A socket's claim: its token and its current organization. */
function socketClaim(socket: ParleySocket): SessionClaim {
  const { userId, tokenId, organizationId } = socket.data
  return { userId, tokenId, organizationIds: organizationId ? [organizationId] : [] }
}

function socketLive(verdict: SessionVerdict, socket: ParleySocket) {
  const { userId, tokenId, organizationId } = socket.data
  return verdict.tokenLive(tokenId, userId) && verdict.isMember(userId, organizationId)
}

/** The organization of an SSE channel (null for a user channel). */
function channelOrg(channel: string) {
  const parsed = parseSseChannel(channel)
  return parsed && parsed.kind !== 'user' ? parsed.organizationId : null
}

function unauthorized() {
  return new AppException('This session has ended', { status: 401, code: 'E_UNAUTHORIZED' })
}

/**
 * The safety net behind the revocation events (DESIGN.md §4): a session
 * whose token was deleted, whose account was deactivated or whose user left
 * the organization by a path that emitted no event (a direct SQL change, an
 * event lost while Redis was away) ends within the re-validation interval.
 *
 * - Every `intervalMs`, one sweep re-checks every socket and SSE stream of
 *   this node in two queries per thousand sessions (app/queries/live_sessions.ts).
 * - Before a client event, a socket whose last check is older than twice
 *   the interval (a sweep that stalled) is re-checked first; otherwise the
 *   event costs no query. A dead socket is disconnected and the event
 *   answers E_UNAUTHORIZED.
 */
class SessionWatch {
  #timer?: NodeJS.Timeout
  #intervalMs = 0
  #checkedAt = new WeakMap<ParleySocket, number>()
  #sweeping?: Promise<void>

  /** Starts sweeping this node's sessions every `intervalMs` (gateway attach). */
  start(io: ParleyServer, intervalMs: number) {
    this.stop()
    this.#intervalMs = intervalMs
    this.#timer = setInterval(() => {
      this.#sweeping ??= this.sweep(io)
        .catch((error) => logger.warn({ err: error }, 'session re-validation failed'))
        .finally(() => (this.#sweeping = undefined))
    }, intervalMs)
    this.#timer.unref()
  }

  /** Stops sweeping (gateway close). */
  stop() {
    if (this.#timer) clearInterval(this.#timer)
    this.#timer = undefined
    this.#intervalMs = 0
  }

  /** Re-checks every socket and SSE stream on this node and ends the dead ones. */
  async sweep(io: ParleyServer) {
    const sockets = [...io.of('/').sockets.values()].filter((socket) => socket.data.tokenId)
    const streams = this.#streams()
    const claims = [...sockets.map(socketClaim), ...streams.map((stream) => stream.claim)]
    if (!claims.length) return
    const startedAt = Date.now()
    const verdict = await checkSessions(claims)
    for (const stream of streams) await stream.apply(verdict)
    for (const socket of sockets) {
      if (socketLive(verdict, socket)) this.#checkedAt.set(socket, startedAt)
      else socket.disconnect(true)
    }
  }

  /**
   * Throws E_UNAUTHORIZED when a socket's session is no longer live, and
   * disconnects it once that answer has gone out.
   */
  async assertLive(socket: ParleySocket) {
    if (!this.#intervalMs) return
    const checkedAt = this.#checkedAt.get(socket) ?? socket.handshake.issued
    if (Date.now() - checkedAt <= 2 * this.#intervalMs) return
    const startedAt = Date.now()
    const verdict = await checkSessions([socketClaim(socket)])
    if (!socketLive(verdict, socket)) {
      setImmediate(() => socket.disconnect(true))
      throw unauthorized()
    }
    this.#checkedAt.set(socket, startedAt)
  }

  /** This node's SSE streams with an owner: their claims, and how to end what died. */
  #streams() {
    const found = []
    for (const [stream, channels] of transmit.getManager().getAllSubscribers()) {
      const uid = stream.getUid()
      const owner = sseSessions.ownerOf(uid)
      if (!owner?.tokenId) continue
      const { userId, tokenId } = owner
      const orgIds = [...new Set([...channels].map(channelOrg).filter((id) => id !== null))]
      const apply = async (verdict: SessionVerdict) => {
        if (!verdict.tokenLive(tokenId, userId)) return stream.end()
        for (const channel of [...channels]) {
          const orgId = channelOrg(channel)
          if (orgId && !verdict.isMember(userId, orgId))
            await transmit.unsubscribe({ uid, channel })
        }
      }
      found.push({ claim: { userId, tokenId, organizationIds: orgIds }, apply })
    }
    return found
  }
}

/** The node's session watch. */
const sessionWatch = new SessionWatch()
export default sessionWatch
