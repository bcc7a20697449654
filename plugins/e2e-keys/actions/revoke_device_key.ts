import { committedTransaction } from '#extensions/database'
import { DateTime } from 'luxon'
import emitter from '@adonisjs/core/services/emitter'
import type { User } from '#extensions/types'
import { NotFoundException } from '#extensions/errors'
import { isUuid } from '#extensions/validation'
import E2eDevice from '../models/e2e_device.js'
import { appendKeyLog, contactsOf, lockUserKeys } from './key_log.js'
import { announceRekey, markStale } from './room_key_state.js'

/**
 * Revokes one of the caller's devices (a lost phone). The revocation goes to
 * the key log; every encrypted room the user is in gets its current key
 * marked stale, since the revoked device holds it, and must be rekeyed.
 * Another user's device, an unknown or already revoked one is 404.
 */
export default class RevokeDeviceKey {
  static async handle(user: User, deviceId: string) {
    if (!isUuid(deviceId)) throw new NotFoundException('Device not found')
    const { entry, rooms } = await committedTransaction(async (trx) => {
      await lockUserKeys(trx, user.id)
      const device = await E2eDevice.query({ client: trx })
        .where('id', deviceId)
        .where('user_id', user.id)
        .whereNull('revoked_at')
        .forUpdate()
        .first()
      if (!device) throw new NotFoundException('Device not found')
      device.useTransaction(trx).revokedAt = DateTime.now()
      await device.save()
      const logged = await appendKeyLog(trx, device, 'revoke')
      return { entry: logged, rooms: await markStale(trx, { memberUserId: user.id }) }
    })
    emitter.emit('user:key_changed', {
      userId: user.id,
      deviceId,
      action: 'revoke',
      seq: entry.seq,
      hash: entry.hash,
      contactIds: await contactsOf(user.id),
    })
    await announceRekey(rooms, 'device_revoked')
  }
}
