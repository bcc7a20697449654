import db from '@adonisjs/lucid/services/db'
import type { Actor, User } from '#extensions/types'
import { findVisibleUser } from '#extensions/users'
import { findRoomForMember } from '#extensions/rooms'
import E2eDevice from '../models/e2e_device.js'
import KeyLogEntry from '../models/key_log_entry.js'
import RoomKeyEnvelope from '../models/room_key_envelope.js'
import { expectedRecipients } from './add_room_key_version.js'
import { currentVersion } from './room_key_state.js'

/** A key log entry with the keys it registered (null for revocations). */
export interface KeyLogView {
  entry: KeyLogEntry
  device: E2eDevice | null
}

/** An envelope with the uploading device's signing key, for the recipient to verify. */
export interface EnvelopeView {
  envelope: RoomKeyEnvelope
  sender: E2eDevice | null
}

/**
 * The read side of e2e-keys. Users' keys and key logs are visible to people
 * who share an organization with them, as users themselves are (404
 * otherwise); room keys only to the room's members, each their own.
 */
export default class KeyDirectory {
  /** The active devices of a visible user. */
  static async publicKeys(viewer: User, userId: string) {
    const user = await findVisibleUser(viewer, userId)
    const devices = await E2eDevice.query()
      .where('user_id', user.id)
      .whereNull('revoked_at')
      .orderBy('created_at')
    return { user, devices }
  }

  /** A visible user's whole key log, oldest first, with the registered keys. */
  static async keyLog(viewer: User, userId: string): Promise<KeyLogView[]> {
    const user = await findVisibleUser(viewer, userId)
    const entries = await KeyLogEntry.query().where('user_id', user.id).orderBy('seq', 'asc')
    const ids = [...new Set(entries.map((entry) => entry.deviceId))]
    const devices = ids.length
      ? await E2eDevice.query().whereIn('id', ids).where('user_id', user.id)
      : []
    const byId = new Map(devices.map((device) => [device.id, device]))
    return entries.map((entry) => ({
      entry,
      device: entry.action === 'register' ? (byId.get(entry.deviceId) ?? null) : null,
    }))
  }

  /**
   * The caller's envelopes in a room (every version, or one device's), the
   * room's current version and whether it is stale, and the devices the
   * next version must cover (with their public keys, to be checked against
   * each owner's key log before wrapping).
   */
  static async roomKeys(actor: Actor, roomId: string, input: { deviceId?: string }) {
    const { room } = await findRoomForMember(actor, roomId)
    const query = RoomKeyEnvelope.query()
      .withScopes((s) => s.forOrg(actor.organization.id))
      .where('room_id', room.id)
      .where('user_id', actor.user.id)
      .orderBy('version', 'asc')
    if (input.deviceId) query.where('device_id', input.deviceId)
    const envelopes = await query
    const senderIds = [...new Set(envelopes.map((envelope) => envelope.senderDeviceId))]
    const senders = senderIds.length ? await E2eDevice.query().whereIn('id', senderIds) : []
    const byId = new Map(senders.map((device) => [device.id, device]))
    const current = await currentVersion(db.connection(), room.id)
    return {
      room,
      current,
      envelopes: envelopes.map((envelope) => ({
        envelope,
        sender: byId.get(envelope.senderDeviceId) ?? null,
      })),
      recipients: await expectedRecipients(db.connection(), room.id, room.organizationId),
    }
  }
}
