import { DateTime } from 'luxon'
import { committedTransaction } from '#services/committed_transaction'
import type User from '#models/user'
import { revokeSessions } from '#domain/auth/session_revocation'
import { recordAudit } from '#domain/audit/audit_log'

/**
 * Deactivates or reactivates an account (chatctl `user deactivate` /
 * `reactivate`). Deactivating revokes the account's API tokens in the same
 * transaction (the one revocation), so its live sockets and SSE streams
 * close on every node after commit; a deactivated account
 * cannot log in (401). Doing it twice changes nothing.
 */
export default class UpdateUserStatus {
  static async handle(user: User, active: boolean) {
    if (active === !user.deactivatedAt) return user
    await committedTransaction(async (trx) => {
      user.useTransaction(trx)
      user.deactivatedAt = active ? null : DateTime.now()
      await user.save()
      if (!active) await revokeSessions({ kind: 'account', userId: user.id }, { trx })
      await recordAudit(
        {
          action: active ? 'user.reactivated' : 'user.deactivated',
          targetType: 'user',
          targetId: user.id,
        },
        trx
      )
    })
    return user
  }
}
