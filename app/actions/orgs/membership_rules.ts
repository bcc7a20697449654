import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Organization from '#models/organization'
import Membership from '#models/membership'
import User from '#models/user'
import { ConflictException, NotFoundException } from '#exceptions/app_exception'
import { isUuid } from '#services/org_context'

/*
 * Invariants shared by the actions that change who belongs to an organization.
 * Each of those actions first locks the organization row (`lockOrganization`),
 * so concurrent invites, accepts, removals and role changes in one organization
 * run one after the other and the counts below cannot go stale mid-transaction.
 */

/** Locks the organization row for the rest of the transaction and returns it fresh. */
export function lockOrganization(organizationId: string, trx: TransactionClientContract) {
  return Organization.query({ client: trx }).where('id', organizationId).forUpdate().firstOrFail()
}

/** A user's membership in the organization, locked for update; 404 for anyone else. */
export async function findMember(
  organizationId: string,
  userId: string,
  trx: TransactionClientContract
) {
  if (!isUuid(userId)) throw new NotFoundException('Member not found')
  const membership = await Membership.query({ client: trx })
    .withScopes((s) => s.forOrg(organizationId))
    .where('user_id', userId)
    .forUpdate()
    .first()
  if (!membership) throw new NotFoundException('Member not found')
  return membership
}

/** 409 E_LAST_OWNER unless another owner remains after this one goes (DESIGN §3). */
export async function assertNotLastOwner(organizationId: string, trx: TransactionClientContract) {
  const owners = await Membership.query({ client: trx })
    .withScopes((s) => s.forOrg(organizationId))
    .where('role', 'owner')
    .count('* as total')
  if (Number(owners[0].$extras.total) <= 1) {
    throw new ConflictException('An organization must keep at least one owner', 'E_LAST_OWNER')
  }
}

/** 409 E_ORGANIZATION_FULL when `settings.maxMembers` is reached. */
export async function assertHasRoom(organization: Organization, trx: TransactionClientContract) {
  const max = organization.settings?.maxMembers
  if (max === null || max === undefined) return
  const members = await Membership.query({ client: trx })
    .withScopes((s) => s.forOrg(organization.id))
    .count('* as total')
  if (Number(members[0].$extras.total) >= max) {
    throw new ConflictException(
      `This organization is full (${max} members maximum)`,
      'E_ORGANIZATION_FULL'
    )
  }
}

/** Forgets the user's active organization if it was this one (after leaving or removal). */
export async function clearActiveOrganization(
  userId: string,
  organizationId: string,
  trx: TransactionClientContract
) {
  await User.query({ client: trx })
    .where('id', userId)
    .where('active_organization_id', organizationId)
    .update({ active_organization_id: null })
}
