import db from '@adonisjs/lucid/services/db'
import emitter from '@adonisjs/core/services/emitter'
import type User from '#models/user'
import { oneTimePassword } from '#actions/admin/one_time_password'

/**
 * Sets a new password for an account (chatctl `user reset-password`): the
 * given one, or a one-time password returned once. Every API token of the
 * account is revoked with it, so old sessions end.
 */
export default class UpdateUserPassword {
  static async handle(user: User, password?: string) {
    const next = password ?? oneTimePassword()
    const revoked = await db.transaction(async (trx) => {
      user.useTransaction(trx)
      user.password = next
      await user.save()
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
    return { user, oneTimePassword: password ? null : next, tokensRevoked: revoked.length }
  }
}
