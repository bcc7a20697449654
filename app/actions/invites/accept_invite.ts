import { DateTime } from 'luxon'
import { committedTransaction } from '#services/committed_transaction'
import emitter from '@adonisjs/core/services/emitter'
import type User from '#models/user'
import Invite from '#models/invite'
import Membership from '#models/membership'
import { AppException, ConflictException, NotFoundException } from '#exceptions/app_exception'
import { assertHasRoom, lockOrganization } from '#actions/orgs/membership_rules'
import { hashInviteToken } from '#actions/invites/invite_token'
import { recordAudit } from '#domain/audit/audit_log'
import { assertNotBanned } from '#actions/moderation/ban_rules'

/**
 * Joins the organization of an invite. The token must be current, and the
 * logged-in user's email must be the invited one; otherwise 404 either way, so
 * a token does not reveal whom it was for. Used: 409 E_INVITE_ALREADY_USED.
 * Expired: 404 E_INVITE_EXPIRED (DESIGN §10 has no 410). Membership and the
 * invite's `acceptedAt` are written in one transaction under row locks
 * (organization, then invite, the same order as CreateInvite), so a token is
 * used once even when two accepts race. The organization becomes the user's
 * active one if they had none. The token was mailed to the invited address,
 * which is the user's, so using it also verifies that address.
 */
export default class AcceptInvite {
  static async handle(user: User, token: string) {
    const tokenHash = hashInviteToken(token)
    const found = await Invite.query().where('token_hash', tokenHash).first()
    assertUsable(found, user)
    const { id: inviteId, organizationId } = found
    const result = await committedTransaction(async (trx) => {
      const organization = await lockOrganization(organizationId, trx)
      const invite = await Invite.query({ client: trx }).where('id', inviteId).forUpdate().first()
      assertUsable(invite, user)
      const existing = await Membership.query({ client: trx })
        .withScopes((s) => s.forOrg(organization.id))
        .where('user_id', user.id)
        .first()
      if (existing) throw new ConflictException('You are already a member', 'E_ALREADY_MEMBER')
      await assertNotBanned(organization.id, { userId: user.id, email: user.email }, trx)
      await assertHasRoom(organization, trx)
      const membership = await Membership.create(
        { organizationId: organization.id, userId: user.id, role: invite.role },
        { client: trx }
      )
      invite.merge({ acceptedAt: DateTime.now(), acceptedById: user.id })
      await invite.useTransaction(trx).save()
      await recordAudit(
        {
          action: 'invite.accepted',
          organizationId: organization.id,
          actorUserId: user.id,
          targetType: 'invite',
          targetId: invite.id,
          details: { role: invite.role, invitedById: invite.invitedById },
        },
        trx
      )
      if (!user.activeOrganizationId) user.activeOrganizationId = organization.id
      if (!user.emailVerifiedAt) user.emailVerifiedAt = DateTime.now()
      if (user.$isDirty) await user.useTransaction(trx).save()
      return { organization, membership, invitedById: invite.invitedById }
    })
    emitter.emit('org:member_added', {
      organizationId: result.organization.id,
      userId: user.id,
      role: result.membership.role,
      addedById: result.invitedById,
    })
    return { organization: result.organization, membership: result.membership }
  }
}

function assertUsable(invite: Invite | null, user: User): asserts invite is Invite {
  if (!invite || invite.revokedAt || invite.email.toLowerCase() !== user.email.toLowerCase()) {
    throw new NotFoundException('Invite not found')
  }
  if (invite.acceptedAt) {
    throw new ConflictException('This invite has already been used', 'E_INVITE_ALREADY_USED')
  }
  if (invite.expiresAt <= DateTime.now()) {
    throw new AppException('This invite has expired', { status: 404, code: 'E_INVITE_EXPIRED' })
  }
}
