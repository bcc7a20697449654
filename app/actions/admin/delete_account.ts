import db from '@adonisjs/lucid/services/db'
import { committedTransaction } from '#services/committed_transaction'
import type User from '#models/user'
import { ConflictException } from '#exceptions/app_exception'
import { revokeSessions } from '#domain/auth/session_revocation'

/**
 * Deletes an account for good (chatctl `user delete`). Its sessions and
 * admin tokens end first (the one revocation: live sockets and SSE streams
 * close on every node). Its memberships, room memberships, devices and
 * notifications go with it. The messages it sent stay in their rooms,
 * without a sender (`senderId` null), so conversations keep their history
 * and `seq` order; its uploads stay with those messages. The sole owner of
 * an organization cannot be deleted (409 E_LAST_OWNER): transfer the
 * ownership or delete the organization first.
 */
export default class DeleteAccount {
  static async handle(user: User) {
    const soleOwnerOf = await db
      .from('memberships as m')
      .join('organizations as o', 'o.id', 'm.organization_id')
      .where('m.user_id', user.id)
      .where('m.role', 'owner')
      .whereNotExists((q) =>
        q
          .from('memberships as other')
          .whereColumn('other.organization_id', 'm.organization_id')
          .where('other.role', 'owner')
          .whereNot('other.user_id', user.id)
      )
      .select('o.slug')
    if (soleOwnerOf.length) {
      throw new ConflictException(
        `${user.username} is the only owner of ${soleOwnerOf.map((row) => row.slug).join(', ')}: transfer the ownership or delete the organization first`,
        'E_LAST_OWNER'
      )
    }
    const [{ total }] = await db.from('messages').where('sender_id', user.id).count('* as total')
    await committedTransaction(async (trx) => {
      await revokeSessions({ kind: 'account', userId: user.id }, { trx })
      await revokeSessions({ kind: 'admin_tokens', userId: user.id }, { trx })
      await trx.from('users').where('id', user.id).delete()
    })
    return { id: user.id, username: user.username, deleted: true, messagesKept: Number(total) }
  }
}
