/** Payload of `room:rekey_required`: the room's key version went stale. */
export interface RoomRekeyRequired {
  organizationId: string
  roomId: string
  /** The version that may no longer be used for new messages (0: the room has none yet). */
  staleVersion: number
  /** Who must be told: the room's members after the change. */
  memberIds: string[]
  reason: 'member_added' | 'member_removed' | 'device_revoked'
}

/** Payload of `user:key_changed`: a device key of `userId` was registered or revoked. */
export interface UserKeyChanged {
  userId: string
  deviceId: string
  action: 'register' | 'revoke'
  /** The key log entry that recorded it (clients re-check the chain up to it). */
  seq: number
  hash: string
  /** Users who share a room with `userId` (`userId` included, for their other devices). */
  contactIds: string[]
}

/**
 * End-to-end encryption events. Core defines them and fans them out
 * (`room_rekey_required`, `key_changed`); the key directory plugin emits
 * them after its transactions commit.
 */
declare module '@adonisjs/core/types' {
  interface EventsList {
    'room:rekey_required': RoomRekeyRequired
    'user:key_changed': UserKeyChanged
  }
}
