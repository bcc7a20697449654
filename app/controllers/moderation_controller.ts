import type { HttpContext } from '@adonisjs/core/http'
import UpdateMemberMute from '#actions/moderation/update_member_mute'
import AddBan from '#actions/moderation/add_ban'
import RemoveBan from '#actions/moderation/remove_ban'
import UpdateReport from '#actions/moderation/update_report'
import ModerationQueries from '#queries/moderation'
import MembershipTransformer from '#transformers/membership_transformer'
import OrganizationBanTransformer from '#transformers/organization_ban_transformer'
import MessageReportTransformer from '#transformers/message_report_transformer'
import { actorFor } from '#services/org_context'
import {
  banMemberValidator,
  listReportsValidator,
  muteMemberValidator,
  resolveReportValidator,
} from '#validators/moderation'

/** An organization's moderation: mutes, bans and the report queue. */
export default class ModerationController {
  /** POST /organizations/:orgId/members/:memberId/mute (moderators and up). */
  async mute({ auth, params, request, serialize }: HttpContext) {
    const actor = await actorFor(auth.getUserOrFail(), params.orgId)
    const { minutes, reason } = await request.validateUsing(muteMemberValidator)
    const membership = await UpdateMemberMute.handle(actor, params.memberId, minutes, reason)
    await membership.load('user')
    return serialize(MembershipTransformer.transform(membership).useVariant('withMute'))
  }

  /** DELETE /organizations/:orgId/members/:memberId/mute */
  async unmute({ auth, params, serialize }: HttpContext) {
    const actor = await actorFor(auth.getUserOrFail(), params.orgId)
    const membership = await UpdateMemberMute.handle(actor, params.memberId, null)
    await membership.load('user')
    return serialize(MembershipTransformer.transform(membership).useVariant('withMute'))
  }

  /** GET /organizations/:orgId/mutes (moderators and up): who is muted now, and until when. */
  async mutes({ auth, params, serialize }: HttpContext) {
    const actor = await actorFor(auth.getUserOrFail(), params.orgId)
    const rows = await ModerationQueries.mutes(actor)
    return serialize(MembershipTransformer.transform(rows).useVariant('withMute'))
  }

  /** GET /organizations/:orgId/bans (owners, admins). */
  async bans({ auth, params, serialize }: HttpContext) {
    const actor = await actorFor(auth.getUserOrFail(), params.orgId)
    return serialize(OrganizationBanTransformer.transform(await ModerationQueries.bans(actor)))
  }

  /** POST /organizations/:orgId/bans: removes the member and refuses their return. */
  async ban({ auth, params, request, response, serialize }: HttpContext) {
    const actor = await actorFor(auth.getUserOrFail(), params.orgId)
    const { userId, reason } = await request.validateUsing(banMemberValidator)
    response.status(201)
    return serialize(
      OrganizationBanTransformer.transform(await AddBan.handle(actor, userId, reason))
    )
  }

  /** DELETE /organizations/:orgId/bans/:userId */
  async unban({ auth, params, response }: HttpContext) {
    const actor = await actorFor(auth.getUserOrFail(), params.orgId)
    await RemoveBan.handle(actor, params.userId)
    return response.noContent()
  }

  /** GET /organizations/:orgId/reports?status=open|resolved (moderators and up). */
  async reports({ auth, params, request, serialize }: HttpContext) {
    const actor = await actorFor(auth.getUserOrFail(), params.orgId)
    const filters = await request.validateUsing(listReportsValidator)
    const { page, messages } = await ModerationQueries.reports(actor, filters)
    const rows = page.all().map((report) => {
      return Object.assign(report, { reportedMessage: messages.get(report.messageId) })
    })
    return serialize(MessageReportTransformer.paginate(rows, page.getMeta()))
  }

  /** POST /organizations/:orgId/reports/:reportId/resolve */
  async resolve({ auth, params, request, serialize }: HttpContext) {
    const actor = await actorFor(auth.getUserOrFail(), params.orgId)
    const { resolution } = await request.validateUsing(resolveReportValidator)
    const report = await UpdateReport.handle(actor, params.reportId, resolution)
    return serialize(MessageReportTransformer.transform(report))
  }
}
