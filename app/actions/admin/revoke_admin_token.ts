import { NotFoundException } from '#exceptions/app_exception'
import { revokeSessions } from '#domain/auth/session_revocation'

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
    return { id, userId, revoked: true }
  }
}
