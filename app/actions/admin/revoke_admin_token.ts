import db from '@adonisjs/lucid/services/db'
import { NotFoundException } from '#exceptions/app_exception'

/**
 * Revokes an admin token by id (chatctl `token revoke`); the next request
 * made with it is 401. API tokens of users are not admin tokens and are 404
 * here, like an id that does not exist.
 */
export default class RevokeAdminToken {
  static async handle(id: number) {
    const rows = await db
      .from('auth_access_tokens')
      .where('id', id)
      .where('type', 'admin_token')
      .delete()
      .returning(['id', 'tokenable_id'])
    if (!rows.length) throw new NotFoundException('Admin token not found')
    return { id, userId: rows[0].tokenable_id as string, revoked: true }
  }
}
