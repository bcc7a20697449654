import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { Actor } from '#types/actor'
import type { IntegrationChanged } from '#events/integration_events'
import {
  auditActorId,
  recordAudit,
  type AuditAction,
  type AuditTargetType,
} from '#domain/audit/audit_log'

/** The audit payload of an admin's change to an integration (see #events/integration_events). */
export function audit(actor: Actor, targetId: string): IntegrationChanged {
  return { organizationId: actor.organization.id, actorId: actor.user.id, targetId }
}

/**
 * Appends the audit entry of an admin's change to an integration (a bot, an
 * API key, a webhook, a slash command): credentials and endpoints that act
 * for the organization are security-relevant. `details` never carries a
 * secret. Given the action's transaction, the entry commits with it.
 */
export function auditIntegration(
  actor: Actor,
  action: AuditAction,
  target: { type: AuditTargetType; id: string },
  details?: Record<string, unknown>,
  trx?: TransactionClientContract
) {
  return recordAudit(
    {
      action,
      organizationId: actor.organization.id,
      actorUserId: auditActorId(actor),
      targetType: target.type,
      targetId: target.id,
      details,
    },
    trx
  )
}
