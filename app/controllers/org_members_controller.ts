import type { HttpContext } from '@adonisjs/core/http'
import OrgQueries from '#queries/orgs'
import RemoveMember from '#actions/orgs/remove_member'
import UpdateMemberRole from '#actions/orgs/update_member_role'
import MembershipTransformer from '#transformers/membership_transformer'
import { actorFor } from '#services/org_context'
import { listMembersValidator, updateMemberRoleValidator } from '#validators/orgs'

/** Members of an organization (`:memberId` is the member's user id). */
export default class OrgMembersController {
  /** GET /organizations/:orgId/members?page=&perPage= (≤ 100, default 25). */
  async index({ auth, params, request, serialize }: HttpContext) {
    const actor = await actorFor(auth.getUserOrFail(), params.orgId)
    const { page, perPage } = await request.validateUsing(listMembersValidator)
    const members = await OrgQueries.members(actor, page, perPage)
    return serialize(MembershipTransformer.paginate(members.all(), members.getMeta()))
  }

  /** DELETE /organizations/:orgId/members/:memberId (owner, admin). */
  async destroy({ auth, params, response }: HttpContext) {
    const actor = await actorFor(auth.getUserOrFail(), params.orgId)
    await RemoveMember.handle(actor, params.memberId)
    return response.noContent()
  }

  /** PUT /organizations/:orgId/members/:memberId/role (owner). */
  async updateRole({ auth, params, request, serialize }: HttpContext) {
    const actor = await actorFor(auth.getUserOrFail(), params.orgId)
    const { role } = await request.validateUsing(updateMemberRoleValidator)
    const membership = await UpdateMemberRole.handle(actor, params.memberId, role)
    await membership.load('user')
    return serialize(MembershipTransformer.transform(membership))
  }
}
