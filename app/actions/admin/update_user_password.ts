import { committedTransaction } from '#services/committed_transaction'
import type User from '#models/user'
import { revokeSessions } from '#domain/auth/session_revocation'
import { oneTimePassword } from '#actions/admin/one_time_password'
import { recordAudit } from '#domain/audit/audit_log'

/**
 * Sets a new password for an account (chatctl `user reset-password`): the
 * given one, or a one-time password returned once. Every API token of the
 * account is revoked with it, and its live sockets and SSE streams close
 * on every node (the one revocation).
 */
export default class UpdateUserPassword {
  static async handle(user: User, password?: string) {
    const next = password ?? oneTimePassword()
    const revoked = await committedTransaction(async (trx) => {
      user.useTransaction(trx)
      user.password = next
      await user.save()
      const { tokenIds } = await revokeSessions({ kind: 'account', userId: user.id }, { trx })
      await recordAudit(
        {
          action: 'auth.password_reset',
          targetType: 'user',
          targetId: user.id,
          details: { by: 'admin', tokensRevoked: tokenIds.length },
        },
        trx
      )
      return tokenIds
    })
    return { user, oneTimePassword: password ? null : next, tokensRevoked: revoked.length }
  }
}
