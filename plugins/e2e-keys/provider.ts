import { committedTransaction } from '#extensions/database'
import type { ApplicationService } from '@adonisjs/core/types'
import emitter from '@adonisjs/core/services/emitter'
import logger from '@adonisjs/core/services/logger'
import db from '@adonisjs/lucid/services/db'
import { e2eRooms, keyAudits, type RoomRekeyRequired } from '#extensions/e2e_rooms'
import { findRoomById } from '#extensions/rooms'
import type { PluginHooks } from '#extensions/plugin'
import { registerOpenApiPaths } from '#extensions/openapi'
import { RoomKeyGuard, announceRekey, currentVersion, markStale } from './actions/room_key_state.js'
import { KeyLogAudit } from './actions/key_log_audit.js'

/** The validated `E2E_*` variables (see plugin.ts). */
export interface E2eKeysEnv {
  E2E_MAX_DEVICES?: number
}

/** After a committed membership change: tell an encrypted room's members to rekey. */
async function rekeyAfterMembershipChange(roomId: string, reason: RoomRekeyRequired['reason']) {
  const room = await findRoomById(roomId)
  if (!room?.encrypted) return
  const current = await currentVersion(db.connection(), room.id)
  const version = current?.version ?? 0
  await announceRekey([{ roomId: room.id, organizationId: room.organizationId, version }], reason)
}

/** Someone left or was removed from an organization: their encrypted rooms there go stale. */
async function rekeyAfterOrgRemoval(organizationId: string, userId: string) {
  const rooms = await committedTransaction((trx) =>
    markStale(trx, { memberUserId: userId, organizationId })
  )
  await announceRekey(rooms, 'member_removed')
}

/**
 * e2e-keys' lifecycle. `boot` installs the room key guard into core's
 * encrypted-rooms extension point and the key log audit into `key verify`'s; `start` listens to membership events and
 * adds the routes (the emitter and the HTTP kernel exist by then);
 * `shutdown` removes them all.
 * Nothing of this exists when the plugin is disabled: encrypted rooms are
 * then refused and the routes answer 404.
 */
export default class E2eKeysProvider implements PluginHooks {
  #guard = new RoomKeyGuard()
  #audit = new KeyLogAudit()
  #unsubscribe: (() => void)[] = []
  protected maxDevices: number

  constructor(
    protected app: ApplicationService,
    env: E2eKeysEnv
  ) {
    this.maxDevices = env.E2E_MAX_DEVICES ?? 10
  }

  async boot() {
    e2eRooms.register(this.#guard)
    keyAudits.register(this.#audit)
  }

  async start() {
    const logged = (work: Promise<void>) =>
      work.catch((error) => logger.error({ err: error }, 'e2e-keys: rekey notice failed'))
    this.#unsubscribe.push(
      emitter.on('room:member_added', (event) =>
        logged(rekeyAfterMembershipChange(event.roomId, 'member_added'))
      ),
      emitter.on('room:member_removed', (event) =>
        logged(rekeyAfterMembershipChange(event.roomId, 'member_removed'))
      ),
      emitter.on('org:member_removed', (event) =>
        logged(rekeyAfterOrgRemoval(event.organizationId, event.userId))
      )
    )
    const router = await this.app.container.make('router')
    const { registerE2eRoutes } = await import('./routes.js')
    const { e2eKeysPaths } = await import('./openapi.js')
    registerE2eRoutes(router, { maxDevices: this.maxDevices })
    registerOpenApiPaths(e2eKeysPaths)
  }

  async shutdown() {
    e2eRooms.unregister(this.#guard.id)
    keyAudits.unregister(this.#audit.id)
    this.#unsubscribe.forEach((unsubscribe) => unsubscribe())
    this.#unsubscribe = []
  }
}
