import type User from '#models/user'
import { revokeSessions } from '#domain/auth/session_revocation'
import { recordAudit } from '#domain/audit/audit_log'

/**
 * Logs out one session (`POST /auth/logout`): the token used is deleted and
 * the sockets and SSE streams opened with it close on every node; the
 * account's other sessions go on.
 */
export default class LogoutUser {
  static async handle(user: User, tokenId: string) {
    await revokeSessions({ kind: 'token', tokenId, type: 'auth_token', userId: user.id })
    await recordAudit({
      action: 'auth.logout',
      actorUserId: user.id,
      targetType: 'session',
      targetId: tokenId,
    })
  }
}
