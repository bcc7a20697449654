import { NotFoundException } from '#exceptions/app_exception'
import { revokeSessions } from '#domain/auth/session_revocation'
import { recordAudit } from '#domain/audit/audit_log'

/**
 * Revokes an admin token by id (chatctl `token revoke`) through the one
 * revocation; the next request made with it is 401. API tokens of users are
 * not admin tokens and are 404 here, like an id that does not exist.
 */
export default class RevokeAdminToken {
  static async handle(id: number) {
    const { userId } = await revokeSessions({
      kind: 'token',
      tokenId: String(id),
      type: 'admin_token',
    })
    if (!userId) throw new NotFoundException('Admin token not found')
    await recordAudit({
      action: 'admin_token.revoked',
      targetType: 'token',
      targetId: String(id),
      details: { userId },
    })
    return { id, userId, revoked: true }
  }
}

/**
 * Revokes every admin token of an account at once (chatctl `token revoke
 * --all`), through the one revocation, in one statement: also the token of
 * the admin asking, whose next request is then 401.
 */
export class RevokeAllAdminTokens {
  static async handle(userId: string) {
    const { tokenIds } = await revokeSessions({ kind: 'admin_tokens', userId })
    for (const id of tokenIds) {
      await recordAudit({
        action: 'admin_token.revoked',
        targetType: 'token',
        targetId: id,
        details: { userId },
      })
    }
    return tokenIds.map((id) => ({ id: Number(id), userId, revoked: true }))
  }
}
