import { committedTransaction } from '#services/committed_transaction'
import emitter from '@adonisjs/core/services/emitter'
import Membership, { type Role } from '#models/membership'
import type User from '#models/user'
import type { Actor } from '#types/actor'
import { ConflictException } from '#exceptions/app_exception'
import { isUniqueViolation } from '#services/unique_violation'
import { assertHasRoom, lockOrganization } from '#actions/orgs/membership_rules'
import { auditActorId, recordAudit } from '#domain/audit/audit_log'
import { assertNotBanned } from '#actions/moderation/ban_rules'

/**
 * Adds an existing account to an organization without an invite (chatctl
 * `member add`, server admins only). An existing member is 409
 * E_ALREADY_MEMBER and a full organization 409 E_ORGANIZATION_FULL, as for
 * invites; the account gets the organization as its active one if it had none.
 */
export default class AddMember {
  static async handle(actor: Actor, user: User, role: Role = 'member') {
    const orgId = actor.organization.id
    const membership = await committedTransaction(async (trx) => {
      const organization = await lockOrganization(orgId, trx)
      await assertHasRoom(organization, trx)
      await assertNotBanned(orgId, { userId: user.id, email: user.email }, trx)
      try {
        const created = await Membership.create(
          { organizationId: orgId, userId: user.id, role },
          { client: trx }
        )
        await recordAudit(
          {
            action: 'org.member_added',
            organizationId: orgId,
            actorUserId: auditActorId(actor),
            targetType: 'user',
            targetId: user.id,
            details: { role, via: 'admin' },
          },
          trx
        )
        if (!user.activeOrganizationId) {
          user.useTransaction(trx)
          user.activeOrganizationId = orgId
          await user.save()
        }
        return created
      } catch (error) {
        if (isUniqueViolation(error)) {
          throw new ConflictException('This person is already a member', 'E_ALREADY_MEMBER')
        }
        throw error
      }
    })
    emitter.emit('org:member_added', {
      organizationId: orgId,
      userId: user.id,
      role,
      addedById: actor.user.id,
    })
    membership.$setRelated('user', user)
    return membership
  }
}
