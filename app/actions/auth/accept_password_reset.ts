import { DateTime } from 'luxon'
import User from '#models/user'
import { committedTransaction } from '#services/committed_transaction'
import { consumeAccountToken, retireAccountTokens } from '#domain/auth/account_tokens'
import { revokeSessions } from '#domain/auth/session_revocation'
import { recordAudit } from '#domain/audit/audit_log'

/**
 * Sets a new password from a reset link (`POST /auth/password/reset`). The
 * token works once and retires the account's other reset links; every
 * session of the account ends through the one revocation (its sockets and
 * SSE streams close on every node after commit). The link went to the
 * account's address, so that address counts as verified if it still is the
 * account's. Two-factor authentication stays on.
 */
export default class AcceptPasswordReset {
  static async handle(token: string, password: string) {
    return committedTransaction(async (trx) => {
      const { userId, email } = await consumeAccountToken(token, 'reset_password', trx)
      const user = await User.query({ client: trx }).where('id', userId).forUpdate().firstOrFail()
      user.password = password
      if (!user.emailVerifiedAt && user.email.toLowerCase() === email.toLowerCase()) {
        user.emailVerifiedAt = DateTime.now()
      }
      await user.useTransaction(trx).save()
      await retireAccountTokens(user.id, 'reset_password', trx)
      const { tokenIds } = await revokeSessions({ kind: 'account', userId: user.id }, { trx })
      await recordAudit(
        {
          action: 'auth.password_reset',
          actorUserId: user.id,
          targetType: 'user',
          targetId: user.id,
          details: { by: 'email_link', tokensRevoked: tokenIds.length },
        },
        trx
      )
      return { user, sessionsRevoked: tokenIds.length }
    })
  }
}
