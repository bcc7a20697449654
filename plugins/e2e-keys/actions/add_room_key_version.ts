import { committedTransaction } from '#extensions/database'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import type { Actor } from '#extensions/types'
import { AppException, ConflictException } from '#extensions/errors'
import { currentRoomMemberIds, findRoomForMember } from '#extensions/rooms'
import E2eDevice from '../models/e2e_device.js'
import RoomKeyVersion from '../models/room_key_version.js'
import { envelopePayload } from '../../../packages/client/src/e2e/room_keys.js'
import { verifyDeviceSignature } from '../key_validation.js'
import { currentVersion } from './room_key_state.js'

/** What `POST /chat/rooms/:roomId/keys` carries. */
export interface AddRoomKeyVersionInput {
  version: number
  deviceId: string
  envelopes: { userId: string; deviceId: string; wrappedKey: string; signature: string }[]
}

function invalid(code: string, message: string, field: string) {
  return new AppException(message, { status: 422, code, field })
}

/** The active devices of the room's current members: who the next version must cover. */
export async function expectedRecipients(
  client: QueryClientContract,
  roomId: string,
  organizationId: string
) {
  const memberIds = await currentRoomMemberIds(roomId, organizationId, client)
  if (!memberIds.length) return []
  return E2eDevice.query({ client })
    .whereIn('user_id', memberIds)
    .whereNull('revoked_at')
    .orderBy('id')
}

/** Exact coverage: one envelope per expected device, for that device's user, nothing else. */
function assertCoverage(input: AddRoomKeyVersionInput, expected: E2eDevice[]) {
  const owners = new Map(expected.map((device) => [device.id, device.userId]))
  const given = new Set<string>()
  for (const [index, envelope] of input.envelopes.entries()) {
    if (given.has(envelope.deviceId) || owners.get(envelope.deviceId) !== envelope.userId) {
      throw invalid(
        'E_ENVELOPE_COVERAGE',
        'This envelope is not for a current member device',
        `envelopes.${index}.deviceId`
      )
    }
    given.add(envelope.deviceId)
  }
  const missing = expected.filter((device) => !given.has(device.id)).length
  if (missing) {
    throw invalid(
      'E_ENVELOPE_COVERAGE',
      `${missing} current member device(s) have no envelope`,
      'envelopes'
    )
  }
}

/**
 * Stores the room's next key version (DESIGN.md §5): only a member, from one
 * of their active devices; exactly the next version number (409
 * E_KEY_VERSION_CONFLICT otherwise, so versions are never overwritten); one
 * envelope per active device of the current members (422
 * E_ENVELOPE_COVERAGE); every envelope signed by the uploading device (422
 * E_ENVELOPE_SIGNATURE). The room row is locked, which serializes uploads
 * with sends and membership changes. The new version is not stale.
 */
export default class AddRoomKeyVersion {
  static async handle(actor: Actor, roomId: string, input: AddRoomKeyVersionInput) {
    return committedTransaction(async (trx) => {
      const { room } = await findRoomForMember(actor, roomId, { client: trx, lock: true })
      if (!room.encrypted)
        throw invalid('E_PLAINTEXT_ROOM', 'This room is not end-to-end encrypted', 'roomId')
      const sender = await E2eDevice.query({ client: trx })
        .where('id', input.deviceId)
        .where('user_id', actor.user.id)
        .whereNull('revoked_at')
        .first()
      if (!sender) throw invalid('E_VALIDATION_ERROR', 'Not one of your active devices', 'deviceId')
      const current = await currentVersion(trx, room.id)
      const next = (current?.version ?? 0) + 1
      if (input.version !== next) {
        throw new ConflictException(
          `Key versions are immutable: the next version is ${next}`,
          'E_KEY_VERSION_CONFLICT'
        )
      }
      assertCoverage(input, await expectedRecipients(trx, room.id, room.organizationId))
      for (const [index, envelope] of input.envelopes.entries()) {
        const payload = envelopePayload({
          roomId: room.id,
          version: next,
          senderDeviceId: sender.id,
          ...envelope,
        })
        if (
          !verifyDeviceSignature(
            sender.signingAlgorithm,
            sender.signingKey,
            payload,
            envelope.signature
          )
        ) {
          throw invalid(
            'E_ENVELOPE_SIGNATURE',
            'The envelope is not signed by the uploading device',
            `envelopes.${index}.signature`
          )
        }
      }
      const version = await RoomKeyVersion.create(
        {
          organizationId: room.organizationId,
          roomId: room.id,
          version: next,
          createdById: actor.user.id,
          createdByDeviceId: sender.id,
          staleAt: null,
        },
        { client: trx }
      )
      const now = new Date()
      await trx.table('e2e_room_key_envelopes').multiInsert(
        input.envelopes.map((envelope) => ({
          id: crypto.randomUUID(),
          organization_id: room.organizationId,
          room_id: room.id,
          version_id: version.id,
          version: next,
          user_id: envelope.userId,
          device_id: envelope.deviceId,
          sender_user_id: actor.user.id,
          sender_device_id: sender.id,
          wrapped_key: envelope.wrappedKey,
          signature: envelope.signature,
          created_at: now,
        }))
      )
      return { version, envelopeCount: input.envelopes.length }
    })
  }
}
