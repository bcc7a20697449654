import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import emitter from '@adonisjs/core/services/emitter'
import type User from '#models/user'

/**
 * Deactivates or reactivates an account (chatctl `user deactivate` /
 * `reactivate`). Deactivating deletes the account's API tokens in the same
 * transaction and emits `auth:token_revoked` for each after commit, so live
 * sockets of a server that emits it close at once; a deactivated account
 * cannot log in (401). Doing it twice changes nothing.
 */
export default class UpdateUserStatus {
  static async handle(user: User, active: boolean) {
    if (active === !user.deactivatedAt) return user
    const revoked = await db.transaction(async (trx) => {
      user.useTransaction(trx)
      user.deactivatedAt = active ? null : DateTime.now()
      await user.save()
      if (active) return []
      const rows = await trx
        .from('auth_access_tokens')
        .where('tokenable_id', user.id)
        .where('type', 'auth_token')
        .delete()
        .returning('id')
      return rows.map((row: { id: number }) => String(row.id))
    })
    for (const tokenId of revoked) {
      emitter.emit('auth:token_revoked', { userId: user.id, tokenId })
    }
    return user
  }
}
