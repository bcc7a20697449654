import { DateTime } from 'luxon'
import Membership from '#models/membership'
import Message from '#models/message'
import MessageReport, { type ReportStatus } from '#models/message_report'
import OrganizationBan from '#models/organization_ban'
import type { Actor } from '#types/actor'
import { authorize } from '#services/authorizer'
import { decryptBodies } from '#domain/messages/message_bodies'

/** The moderation read side: the report queue, current mutes and the ban list. */
export default class ModerationQueries {
  /**
   * The organization's reports (moderators and up), oldest open first, with
   * the reported message as stored now (its text, unless deleted or
   * end-to-end encrypted), so a moderator outside the room can judge it.
   */
  static async reports(
    actor: Actor,
    filters: { status?: ReportStatus; page?: number; perPage?: number }
  ) {
    await authorize(actor, 'moderateMembers')
    const page = await MessageReport.query()
      .withScopes((s) => s.forOrg(actor.organization.id))
      .where('status', filters.status ?? 'open')
      .orderBy('created_at')
      .orderBy('id')
      .paginate(filters.page ?? 1, filters.perPage ?? 25)
    const ids = [...new Set(page.all().map((report) => report.messageId))]
    const messages = ids.length
      ? await Message.query()
          .withScopes((s) => s.forOrg(actor.organization.id))
          .whereIn('id', ids)
      : []
    await decryptBodies(messages)
    const byId = new Map(messages.map((message) => [message.id, message]))
    return { page, messages: byId }
  }

  /**
   * The members muted now (moderators and up), the mute ending first at the
   * top, with their accounts: what a moderator needs to lift a mute.
   */
  static async mutes(actor: Actor) {
    await authorize(actor, 'moderateMembers')
    return Membership.query()
      .withScopes((s) => s.forOrg(actor.organization.id))
      .where('muted_until', '>', DateTime.now().toSQL())
      .preload('user')
      .orderBy('muted_until')
      .orderBy('user_id')
  }

  /** The organization's bans (owners and admins), newest first, with the accounts. */
  static async bans(actor: Actor) {
    await authorize(actor, 'banMembers')
    return OrganizationBan.query()
      .withScopes((s) => s.forOrg(actor.organization.id))
      .preload('user')
      .orderBy('created_at', 'desc')
  }
}
