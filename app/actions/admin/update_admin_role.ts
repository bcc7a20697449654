import { committedTransaction } from '#services/committed_transaction'
import type User from '#models/user'
import { revokeSessions } from '#domain/auth/session_revocation'
import { recordAudit } from '#domain/audit/audit_log'

/**
 * Grants or withdraws the server-wide admin role (chatctl `user promote` /
 * `demote`). Withdrawing it also revokes the account's admin tokens in the
 * same transaction (the one revocation): they could no longer open the
 * admin API anyway, and a later promotion must not revive them. Organization
 * roles are untouched. Doing it twice changes nothing.
 */
export default class UpdateAdminRole {
  static async handle(user: User, admin: boolean) {
    if (user.isAdmin === admin) return { user, tokensRevoked: 0 }
    let tokensRevoked = 0
    await committedTransaction(async (trx) => {
      user.useTransaction(trx)
      user.isAdmin = admin
      await user.save()
      await recordAudit(
        {
          action: 'user.server_admin_changed',
          targetType: 'user',
          targetId: user.id,
          details: { admin },
        },
        trx
      )
      if (admin) return
      const { tokenIds } = await revokeSessions({ kind: 'admin_tokens', userId: user.id }, { trx })
      tokensRevoked = tokenIds.length
    })
    return { user, tokensRevoked }
  }
}
