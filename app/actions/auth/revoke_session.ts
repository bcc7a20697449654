import type User from '#models/user'
import { revokeSessions } from '#domain/auth/session_revocation'
import { NotFoundException } from '#exceptions/app_exception'
import { recordAudit } from '#domain/audit/audit_log'

/** Session ids are the access tokens' serial ids; anything else names no session. */
const SESSION_ID = /^[1-9][0-9]{0,9}$/
const MAX_SERIAL = 2_147_483_647

/**
 * Ends sessions of the caller's own account through the one revocation, so
 * their sockets and SSE streams close on every node: one session by id
 * (`DELETE /auth/sessions/:sessionId`; another account's id is 404), or all
 * but the one in use (`POST /auth/sessions/revoke-others`).
 */
export default class RevokeSession {
  static async handle(user: User, sessionId: string) {
    if (!SESSION_ID.test(sessionId) || Number(sessionId) > MAX_SERIAL)
      throw new NotFoundException('Session not found')
    const { tokenIds } = await revokeSessions({
      kind: 'token',
      tokenId: sessionId,
      type: 'auth_token',
      userId: user.id,
    })
    if (!tokenIds.length) throw new NotFoundException('Session not found')
    await recordAudit({
      action: 'auth.session_revoked',
      actorUserId: user.id,
      targetType: 'session',
      targetId: sessionId,
    })
  }

  /** Every session of the account but `currentId`; answers how many ended. */
  static async others(user: User, currentId: string) {
    const { tokenIds } = await revokeSessions({
      kind: 'account',
      userId: user.id,
      exceptTokenId: currentId,
    })
    if (tokenIds.length) {
      await recordAudit({
        action: 'auth.session_revoked',
        actorUserId: user.id,
        targetType: 'user',
        targetId: user.id,
        details: { sessions: tokenIds.length, others: true },
      })
    }
    return tokenIds.length
  }
}
