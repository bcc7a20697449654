import type { EventsList } from '@adonisjs/core/types'
import type { Invalidation } from '#services/access_cache'

/*
 * The events that make a node's access cache stale (app/services/
 * access_cache.ts), and what each drops. The fan-out registration applies
 * them on every node (through the revocation relay) before the event's
 * client deliveries, so a client told of a change is not then served the
 * state before it by another node.
 */
export const accessInvalidations: {
  [Event in keyof EventsList]?: (payload: EventsList[Event]) => Invalidation
} = {
  'room:created': ({ room }) => ({ rooms: [room.room.id] }),
  'room:updated': ({ room }) => ({ rooms: [room.room.id] }),
  'room:member_added': ({ roomId }) => ({ rooms: [roomId] }),
  'room:member_removed': ({ roomId }) => ({ rooms: [roomId] }),
  'org:member_added': ({ organizationId, userId }) => ({
    roomsOf: [organizationId],
    users: [userId],
  }),
  'org:member_removed': ({ organizationId, userId }) => ({
    roomsOf: [organizationId],
    users: [userId],
  }),
  'org:member_role_changed': ({ userId }) => ({ users: [userId] }),
  'org:updated': ({ organizationId }) => ({ actorsOf: [organizationId] }),
  'auth:sessions_revoked': ({ userId }) => ({ users: [userId] }),
  'webhook:created': ({ organizationId }) => ({ webhooksOf: [organizationId] }),
  'webhook:updated': ({ organizationId }) => ({ webhooksOf: [organizationId] }),
  'webhook:deleted': ({ organizationId }) => ({ webhooksOf: [organizationId] }),
  'webhook:disabled': ({ organizationId }) => ({ webhooksOf: [organizationId] }),
}
