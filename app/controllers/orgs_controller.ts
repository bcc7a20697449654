import type { HttpContext } from '@adonisjs/core/http'
import CreateOrganization from '#actions/orgs/create_organization'
import UpdateOrganization from '#actions/orgs/update_organization'
import UpdateActiveOrganization from '#actions/orgs/update_active_organization'
import LeaveOrganization from '#actions/orgs/leave_organization'
import OrgQueries from '#queries/orgs'
import OrgAnalytics from '#actions/orgs/org_analytics'
import OrganizationTransformer from '#transformers/organization_transformer'
import { actorFor } from '#services/org_context'
import { createOrganizationValidator, updateOrganizationValidator } from '#validators/orgs'

/**
 * Organizations: create and list mine, the active one, show, settings,
 * leave, analytics. Org-specific routes resolve the org from the path
 * (`actorFor`: 404 unless the caller is a member).
 */
export default class OrgsController {
  /** GET /organizations: mine, each with my role. */
  async index({ auth, serialize }: HttpContext) {
    const organizations = await OrgQueries.organizationsOf(auth.getUserOrFail())
    return serialize(OrganizationTransformer.transform(organizations).useVariant('forMember'))
  }

  /** POST /organizations: the creator becomes the owner. */
  async store({ auth, request, response, serialize }: HttpContext) {
    const input = await request.validateUsing(createOrganizationValidator)
    const { organization, membership } = await CreateOrganization.bySelf(
      auth.getUserOrFail(),
      input
    )
    response.status(201)
    return serialize(
      OrganizationTransformer.transform(organization, membership.role).useVariant('forMember')
    )
  }

  /** GET /organizations/active: the active organization, or `data: null`. */
  async active({ auth, serialize }: HttpContext) {
    const organization = await OrgQueries.activeOf(auth.getUserOrFail())
    if (!organization) return serialize(null)
    return serialize(OrganizationTransformer.transform(organization).useVariant('forMember'))
  }

  /** POST /organizations/:orgId/set-active */
  async setActive({ auth, params, serialize }: HttpContext) {
    const actor = await actorFor(auth.getUserOrFail(), params.orgId)
    await UpdateActiveOrganization.handle(actor)
    return serialize(
      OrganizationTransformer.transform(actor.organization, actor.membership.role).useVariant(
        'forMember'
      )
    )
  }

  /** GET /organizations/:orgId */
  async show({ auth, params, serialize }: HttpContext) {
    const actor = await actorFor(auth.getUserOrFail(), params.orgId)
    return serialize(
      OrganizationTransformer.transform(actor.organization, actor.membership.role).useVariant(
        'forMember'
      )
    )
  }

  /** PUT /organizations/:orgId: name and settings (owner, admin). */
  async update({ auth, params, request, serialize }: HttpContext) {
    const actor = await actorFor(auth.getUserOrFail(), params.orgId)
    const input = await request.validateUsing(updateOrganizationValidator)
    const organization = await UpdateOrganization.handle(actor, input)
    return serialize(
      OrganizationTransformer.transform(organization, actor.membership.role).useVariant('forMember')
    )
  }

  /** POST /organizations/:orgId/leave */
  async leave({ auth, params, response }: HttpContext) {
    const actor = await actorFor(auth.getUserOrFail(), params.orgId)
    await LeaveOrganization.handle(actor)
    return response.noContent()
  }

  /** GET /organizations/:orgId/analytics (owner, admin). */
  async analytics({ auth, params, serialize }: HttpContext) {
    const actor = await actorFor(auth.getUserOrFail(), params.orgId)
    return serialize(await OrgAnalytics.handle(actor))
  }
}
