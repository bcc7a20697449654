import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { ConflictException } from '#exceptions/app_exception'

/**
 * 409 E_USER_BANNED when the organization banned this account or this
 * address: invites to it are not created, not accepted, and admins cannot
 * add it either until the ban is lifted.
 */
export async function assertNotBanned(
  organizationId: string,
  who: { userId?: string; email?: string },
  trx: TransactionClientContract
) {
  const query = trx.from('organization_bans').where('organization_id', organizationId)
  query.where((q) => {
    if (who.userId) q.orWhere('user_id', who.userId)
    if (who.email) q.orWhere('email', who.email.toLowerCase())
  })
  const ban = await query.select('id').first()
  if (ban) {
    throw new ConflictException('This person is banned from the organization', 'E_USER_BANNED')
  }
}
