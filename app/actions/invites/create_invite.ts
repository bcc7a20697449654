import { DateTime } from 'luxon'
import { committedTransaction } from '#services/committed_transaction'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { Actor } from '#types/actor'
import Invite from '#models/invite'
import Membership, { type Role } from '#models/membership'
import { bouncerFor } from '#services/authorizer'
import { ConflictException } from '#exceptions/app_exception'
import { assertHasRoom, lockOrganization } from '#actions/orgs/membership_rules'
import { newInviteToken } from '#actions/invites/invite_token'
import { inviteLink, queueInviteMail } from '#mails/invite_mail'
import { auditActorId, recordAudit } from '#domain/audit/audit_log'
import { assertNotBanned } from '#actions/moderation/ban_rules'

export interface CreateInviteInput {
  email: string
  role?: Role
}

/** How long an invite link works: 7 days from its creation. */
export const INVITE_TTL = { days: 7 }

/**
 * Invites an email address into the actor's organization (owners, admins and
 * moderators), for a role no higher than the inviter's own. Re-inviting an
 * address that has a pending invite replaces it (the old link stops working).
 * An existing member is 409 E_ALREADY_MEMBER; a full organization is 409
 * E_ORGANIZATION_FULL. The mail is queued after commit (app/services/mailer.ts)
 * and the invite answers at once: `emailSent` is false until the mail is
 * sent, the delivery says `logged` (no SMTP), `queued`, `sent` or `failed`,
 * and the inviter has the link to pass on in any case.
 */
export default class CreateInvite {
  static async handle(actor: Actor, input: CreateInviteInput) {
    const role = input.role ?? 'member'
    await bouncerFor(actor).with('OrganizationPolicy').authorize('invite', role)
    const email = input.email.toLowerCase()
    const { token, tokenHash } = newInviteToken()
    const invite = await committedTransaction(async (trx) => {
      const organization = await lockOrganization(actor.organization.id, trx)
      await assertNotMember(organization.id, email, trx)
      await assertNotBanned(organization.id, { email }, trx)
      await assertHasRoom(organization, trx)
      await Invite.query({ client: trx })
        .withScopes((s) => s.forOrg(organization.id))
        .where('email', email)
        .whereNull('accepted_at')
        .whereNull('revoked_at')
        .update({ revoked_at: new Date(), updated_at: new Date() })
      const created = await Invite.create(
        {
          organizationId: organization.id,
          email,
          role,
          tokenHash,
          invitedById: actor.user.id,
          expiresAt: DateTime.now().plus(INVITE_TTL),
        },
        { client: trx }
      )
      await recordAudit(
        {
          action: 'invite.created',
          organizationId: organization.id,
          actorUserId: auditActorId(actor),
          targetType: 'invite',
          targetId: created.id,
          details: { email, role },
        },
        trx
      )
      return created
    })
    const link = inviteLink(token)
    const delivery = await queueInviteMail(invite, {
      organizationName: actor.organization.name,
      inviterName: actor.user.displayName ?? actor.user.username,
      link,
    })
    invite.mailDeliveryId = delivery.id
    await invite.save()
    invite.$setRelated('mailDelivery', delivery)
    return { invite, token, link }
  }
}

async function assertNotMember(
  organizationId: string,
  email: string,
  trx: TransactionClientContract
) {
  const member = await Membership.query({ client: trx })
    .withScopes((s) => s.forOrg(organizationId))
    .join('users', 'users.id', 'memberships.user_id')
    .whereRaw('lower(users.email) = ?', [email])
    .select('memberships.id')
    .first()
  if (member) throw new ConflictException('This person is already a member', 'E_ALREADY_MEMBER')
}
