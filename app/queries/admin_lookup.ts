import User from '#models/user'
import Organization from '#models/organization'
import Membership from '#models/membership'
import type { Actor } from '#types/actor'
import { isUuid } from '#services/org_context'
import { NotFoundException } from '#exceptions/app_exception'

/** An organization by id or slug; 404 E_NOT_FOUND otherwise. */
export async function findOrganization(ref: string) {
  const query = Organization.query()
  const byId: boolean = isUuid(ref)
  if (byId) query.where('id', ref)
  else query.where('slug', ref.toLowerCase())
  const organization = await query.first()
  if (!organization) throw new NotFoundException('Organization not found')
  return organization
}

/** A user by id, email or username (case-insensitive); 404 E_NOT_FOUND otherwise. */
export async function findUser(ref: string) {
  const query = User.query()
  const byId: boolean = isUuid(ref)
  if (byId) query.where('id', ref)
  else {
    query
      .whereRaw('lower(email) = ?', [ref.toLowerCase()])
      .orWhereRaw('lower(username) = ?', [ref.toLowerCase()])
  }
  const user = await query.first()
  if (!user) throw new NotFoundException('User not found')
  return user
}

/**
 * The actor a server admin acts as inside an organization: the owner role
 * (admins stand above every org role), held by the token's account in remote
 * mode, or by the organization's first owner in local mode, who then appears
 * as the inviter or remover. The membership is not stored.
 */
export async function adminActor(principal: { user: User | null }, orgRef: string): Promise<Actor> {
  const organization = await findOrganization(orgRef)
  let user = principal.user
  if (!user) {
    const owner = await Membership.query()
      .withScopes((s) => s.forOrg(organization.id))
      .where('role', 'owner')
      .preload('user')
      .orderBy('created_at')
      .firstOrFail()
    user = owner.user
  }
  const membership = new Membership().merge({
    organizationId: organization.id,
    userId: user.id,
    role: 'owner',
  })
  return { user, organization, membership, serverAdmin: true }
}

/**
 * A real member to act as inside an organization (chatctl `room create`):
 * the given account, which must be a member (404 otherwise), or the
 * organization's first owner. The same in local and remote mode, unlike
 * `adminActor`, because the actor becomes the room's admin and member.
 */
export async function memberActor(orgRef: string, userRef?: string): Promise<Actor> {
  const organization = await findOrganization(orgRef)
  const query = Membership.query()
    .withScopes((s) => s.forOrg(organization.id))
    .preload('user')
  const user = userRef ? await findUser(userRef) : null
  if (user) query.where('user_id', user.id)
  else query.where('role', 'owner').orderBy('created_at')
  const membership = await query.first()
  if (!membership) throw new NotFoundException('Member not found')
  return { user: membership.user, organization, membership }
}
