import { AsyncLocalStorage } from 'node:async_hooks'

/** The door an action came through, as the audit log names it. */
export type AuditDoor = 'rest' | 'socket' | 'admin-api' | 'chatctl' | 'job' | 'system'

/**
 * Where the action being run came from: the client's IP (REST, socket,
 * admin API) and the door. Set once per request, socket event or admin
 * operation, so the audit log can stamp every entry without threading the
 * IP through each action's signature (actions take an actor, never an
 * HttpContext: DESIGN §2).
 */
export interface AuditOrigin {
  ip: string | null
  door: AuditDoor
  /** The admin token's account behind an admin API call (chatctl remote mode). */
  actorUserId?: string | null
}

const storage = new AsyncLocalStorage<AuditOrigin>()

/** Runs `callback` with `origin` as the current one (nested runs override). */
export function withAuditOrigin<T>(origin: AuditOrigin, callback: () => T): T {
  return storage.run(origin, callback)
}

/** The current origin, or a system one outside any door (jobs, boot). */
export function currentAuditOrigin(): AuditOrigin {
  return storage.getStore() ?? { ip: null, door: 'system' }
}
