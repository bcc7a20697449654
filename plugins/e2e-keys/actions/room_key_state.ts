import emitter from '@adonisjs/core/services/emitter'
import type { QueryClientContract, TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { Room } from '#extensions/types'
import { ConflictException } from '#extensions/errors'
import type { E2eRoomsProvider, EncryptedPayload, RoomRekeyRequired } from '#extensions/e2e_rooms'
import { currentRoomMemberIds, roomIdsOfMember } from '#extensions/rooms'
import { assertMessageAlgorithm } from '../message_algorithms.js'
import RoomKeyVersion from '../models/room_key_version.js'

/** A room whose current key version was just marked stale. */
export interface StaleRoom {
  roomId: string
  organizationId: string
  version: number
}

/** The room's latest key version, or null before the first upload. */
export function currentVersion(client: QueryClientContract, roomId: string) {
  return RoomKeyVersion.query({ client })
    .where('room_id', roomId)
    .orderBy('version', 'desc')
    .first()
}

/** Marks the current key version of each room stale; returns the rooms it changed. */
export async function markStale(
  trx: TransactionClientContract,
  where: { roomIds: string[] } | { memberUserId: string; organizationId?: string }
): Promise<StaleRoom[]> {
  const query = trx.from('e2e_room_key_versions').whereNull('stale_at')
  if ('roomIds' in where) query.whereIn('room_id', where.roomIds)
  else {
    query.whereIn('room_id', await roomIdsOfMember(where.memberUserId, trx))
    if (where.organizationId) query.where('organization_id', where.organizationId)
  }
  const rows = await query
    .update({ stale_at: new Date() })
    .returning(['room_id', 'organization_id', 'version'])
  return rows.map((row: { room_id: string; organization_id: string; version: number }) => ({
    roomId: row.room_id,
    organizationId: row.organization_id,
    version: row.version,
  }))
}

/** Tells each room's current members that new messages need the next key version. */
export async function announceRekey(rooms: StaleRoom[], reason: RoomRekeyRequired['reason']) {
  for (const room of rooms) {
    const memberIds = await currentRoomMemberIds(room.roomId, room.organizationId)
    emitter.emit('room:rekey_required', {
      organizationId: room.organizationId,
      roomId: room.roomId,
      staleVersion: room.version,
      memberIds,
      reason,
    })
  }
}

function stale(message: string) {
  return new ConflictException(message, 'E_ROOM_KEY_STALE')
}

/**
 * The plugin's side of core's encrypted-rooms extension point: a send must
 * name the room's current key version, and that version must not be stale;
 * a membership change makes the current version stale. Both run in core's
 * transaction with the room row locked, so they are serialized per room.
 */
export class RoomKeyGuard implements E2eRoomsProvider {
  readonly id = 'e2e-keys'

  assertPayload(payload: EncryptedPayload) {
    assertMessageAlgorithm(payload)
  }

  async assertSendable(trx: TransactionClientContract, room: Room, payload: EncryptedPayload) {
    const current = await currentVersion(trx, room.id)
    if (!current) throw stale('This room has no key yet: upload key version 1 first')
    if (current.staleAt) {
      throw stale(`Key version ${current.version} is stale: upload version ${current.version + 1}`)
    }
    if (payload.keyVersion !== current.version) {
      throw stale(`Messages must use the current key version ${current.version}`)
    }
  }

  async membershipChanged(trx: TransactionClientContract, room: Room) {
    await markStale(trx, { roomIds: [room.id] })
  }
}
