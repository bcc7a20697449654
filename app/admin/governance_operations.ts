import AuditQueries from '#queries/audit_events'
import ModerationQueries from '#queries/moderation'
import UpdateMemberMute from '#actions/moderation/update_member_mute'
import AddBan from '#actions/moderation/add_ban'
import RemoveBan from '#actions/moderation/remove_ban'
import UpdateSlowMode from '#actions/moderation/update_slow_mode'
import RunRetention from '#actions/retention/run_retention'
import UpdateRetention from '#actions/retention/update_retention'
import RetentionQueries from '#queries/retention'
import { adminRetentionRunValidator, adminRetentionSetValidator } from '#validators/retention'
import { adminActor, findOrganization, findUser } from '#queries/admin_lookup'
import MembershipTransformer from '#transformers/membership_transformer'
import OrganizationBanTransformer from '#transformers/organization_ban_transformer'
import MessageReportTransformer from '#transformers/message_report_transformer'
import { serializer } from '#transformers/serializer'
import AuditEventTransformer from '#transformers/audit_event_transformer'
import { defineOperation } from '#admin/operation'
import { adminListAuditValidator } from '#validators/audit'
import {
  adminBanValidator,
  adminMuteValidator,
  adminReportsValidator,
  adminSlowModeValidator,
  adminUnbanValidator,
} from '#validators/moderation'

/** chatctl `audit …`, `member mute|ban|unban`, `report list`, `room slow-mode`. */
export const governanceOperations = {
  'audit:list': defineOperation('audit:list', {
    validator: adminListAuditValidator,
    async handle(_context, input) {
      const organization = input.org ? await findOrganization(input.org) : undefined
      const organizationId = organization?.id
      const page = await AuditQueries.serverWide({ ...input, organizationId })
      return {
        entries: await serializer.serializeWithoutWrapping(
          AuditEventTransformer.transform(page.all())
        ),
        meta: serializer.definePaginationMetaData(page.getMeta()),
      }
    },
  }),
  'member:mute': defineOperation('member:mute', {
    validator: adminMuteValidator,
    async handle(context, input) {
      const actor = await adminActor(context.principal, input.org)
      const user = await findUser(input.user)
      const minutes = input.minutes ?? null
      const membership = await UpdateMemberMute.handle(actor, user.id, minutes, input.reason)
      membership.$setRelated('user', user)
      return serializer.serializeWithoutWrapping(
        MembershipTransformer.transform(membership).useVariant('withMute')
      )
    },
  }),
  'member:ban': defineOperation('member:ban', {
    validator: adminBanValidator,
    async handle(context, input) {
      const actor = await adminActor(context.principal, input.org)
      const user = await findUser(input.user)
      const ban = await AddBan.handle(actor, user.id, input.reason)
      return serializer.serializeWithoutWrapping(OrganizationBanTransformer.transform(ban))
    },
  }),
  'member:unban': defineOperation('member:unban', {
    validator: adminUnbanValidator,
    async handle(context, input) {
      const actor = await adminActor(context.principal, input.org)
      const user = await findUser(input.user)
      await RemoveBan.handle(actor, user.id)
      return { organizationId: actor.organization.id, userId: user.id, unbanned: true }
    },
  }),
  'report:list': defineOperation('report:list', {
    validator: adminReportsValidator,
    async handle(context, input) {
      const actor = await adminActor(context.principal, input.org)
      const { page, messages } = await ModerationQueries.reports(actor, input)
      const rows = page.all().map((report) => {
        return Object.assign(report, { reportedMessage: messages.get(report.messageId) })
      })
      return {
        reports: await serializer.serializeWithoutWrapping(
          MessageReportTransformer.transform(rows)
        ),
        meta: serializer.definePaginationMetaData(page.getMeta()),
      }
    },
  }),
  'room:slow-mode': defineOperation('room:slow-mode', {
    validator: adminSlowModeValidator,
    async handle(context, input) {
      const actor = await adminActor(context.principal, input.org)
      return UpdateSlowMode.handle(actor, input.room, input.seconds)
    },
  }),
  'retention:run': defineOperation('retention:run', {
    validator: adminRetentionRunValidator,
    async handle(_context, input) {
      const organization = input.org ? await findOrganization(input.org) : undefined
      const dryRun = input.dryRun ?? false
      const organizations = await RunRetention.handle({ organizationId: organization?.id, dryRun })
      return { dryRun, organizations }
    },
  }),
  'retention:set': defineOperation('retention:set', {
    validator: adminRetentionSetValidator,
    async handle(context, input) {
      const actor = await adminActor(context.principal, input.org)
      await UpdateRetention.handle(actor, input.days, input.room)
      return RetentionQueries.policy(actor)
    },
  }),
}
