import type { HttpContext } from '@adonisjs/core/http'
import CreateInvite from '#actions/invites/create_invite'
import AcceptInvite from '#actions/invites/accept_invite'
import RevokeInvite from '#actions/invites/revoke_invite'
import OrgQueries from '#queries/orgs'
import InviteTransformer from '#transformers/invite_transformer'
import OrganizationTransformer from '#transformers/organization_transformer'
import { actorFor } from '#services/org_context'
import { createInviteValidator } from '#validators/orgs'

/** Invites: create (the inviter gets the link once), list pending, revoke, accept. */
export default class InvitesController {
  /** GET /organizations/:orgId/invites: pending ones (owner, admin, moderator). */
  async index({ auth, params, serialize }: HttpContext) {
    const actor = await actorFor(auth.getUserOrFail(), params.orgId)
    const invites = await OrgQueries.pendingInvites(actor)
    return serialize(InviteTransformer.transform(invites))
  }

  /** POST /organizations/:orgId/invite: returns the token and link, once. */
  async store({ auth, params, request, response, serialize }: HttpContext) {
    const actor = await actorFor(auth.getUserOrFail(), params.orgId)
    const input = await request.validateUsing(createInviteValidator)
    const { invite, ...secret } = await CreateInvite.handle(actor, input)
    response.status(201)
    return serialize(InviteTransformer.transform(invite, secret).useVariant('withLink'))
  }

  /** DELETE /organizations/:orgId/invites/:inviteId */
  async revoke({ auth, params, response }: HttpContext) {
    const actor = await actorFor(auth.getUserOrFail(), params.orgId)
    await RevokeInvite.handle(actor, params.inviteId)
    return response.noContent()
  }

  /** POST /organizations/accept-invite/:token: answers the joined organization. */
  async accept({ auth, params, serialize }: HttpContext) {
    const { organization, membership } = await AcceptInvite.handle(
      auth.getUserOrFail(),
      params.token
    )
    return serialize(
      OrganizationTransformer.transform(organization, membership.role).useVariant('forMember')
    )
  }
}
