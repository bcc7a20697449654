import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { Actor } from '#types/actor'
import { currentAuditOrigin } from '#services/audit_origin'

/**
 * Every action the audit log records. The list is the contract of the
 * `action` filter (REST, admin API, chatctl) and of the OpenAPI enum.
 */
export const AUDIT_ACTIONS = [
  'auth.login',
  'auth.login_failed',
  'auth.logout',
  'auth.session_revoked',
  'auth.password_changed',
  'auth.password_reset',
  'auth.two_factor_enabled',
  'auth.two_factor_disabled',
  'admin_token.created',
  'admin_token.revoked',
  'user.deactivated',
  'user.reactivated',
  'user.server_admin_changed',
  'org.deleted',
  'org.member_added',
  'org.member_removed',
  'org.member_left',
  'org.member_role_changed',
  'org.ownership_transferred',
  'invite.created',
  'invite.accepted',
  'invite.revoked',
  'room.archived',
  'room.unarchived',
  'message.deleted_by_moderator',
  'key.rotated',
  'plugin.enabled',
  'plugin.disabled',
  'moderation.member_muted',
  'moderation.member_unmuted',
  'moderation.member_banned',
  'moderation.member_unbanned',
  'moderation.message_reported',
  'moderation.report_resolved',
  'moderation.slow_mode_changed',
  'retention.policy_changed',
  'retention.run',
  'bot.created',
  'bot.deleted',
  'api_key.created',
  'api_key.revoked',
  'webhook.created',
  'webhook.deleted',
  'webhook.secret_rotated',
  'incoming_webhook.created',
  'incoming_webhook.deleted',
  'command.created',
  'command.updated',
  'command.secret_rotated',
  'command.deleted',
  'export.requested',
  'export.completed',
  'export.downloaded',
] as const

export type AuditAction = (typeof AUDIT_ACTIONS)[number]

/** What an entry is about. */
export type AuditTargetType =
  | 'user'
  | 'organization'
  | 'invite'
  | 'room'
  | 'message'
  | 'token'
  | 'session'
  | 'report'
  | 'export'
  | 'keyring'
  | 'bot'
  | 'api_key'
  | 'webhook'
  | 'incoming_webhook'
  | 'command'
  | 'plugin'

/** One entry, before the origin (IP, door) and the time are stamped on it. */
export interface AuditEntry {
  action: AuditAction
  organizationId?: string | null
  /**
   * The acting account; null for chatctl in local mode, a job or an anonymous
   * failed login. Left out, the admin API's caller (the origin's) is taken.
   */
  actorUserId?: string | null
  targetType?: AuditTargetType
  targetId?: string | null
  /** Small facts about the action (a role, counts); never secrets or message text. */
  details?: Record<string, unknown>
}

/**
 * The account behind an actor, as the log names it: a server admin acting
 * through chatctl's local mode has no account (its actor borrows the
 * organization's owner only to satisfy the rules), so it is recorded as
 * nobody, with the door `chatctl`.
 */
export function auditActorId(actor: Actor): string | null {
  if (actor.serverAdmin && currentAuditOrigin().door === 'chatctl') return null
  return actor.user.id
}

/**
 * Appends one entry. Given the action's transaction, the entry commits or
 * rolls back with the action: no entry for an action that did not happen,
 * and an action whose entry cannot be written fails as a whole.
 */
export async function recordAudit(entry: AuditEntry, trx?: TransactionClientContract) {
  const origin = currentAuditOrigin()
  await (trx ?? db).table('audit_events').insert({
    organization_id: entry.organizationId ?? null,
    actor_user_id:
      entry.actorUserId !== undefined ? entry.actorUserId : (origin.actorUserId ?? null),
    door: origin.door,
    action: entry.action,
    target_type: entry.targetType ?? null,
    target_id: entry.targetId ?? null,
    ip: origin.ip,
    details: JSON.stringify(entry.details ?? {}),
  })
}
