import { BaseTransformer } from '@adonisjs/core/transformers'
import type AuditEvent from '#models/audit_event'

/** An audit log entry as owners, admins and chatctl see it. */
export default class AuditEventTransformer extends BaseTransformer<AuditEvent> {
  toObject() {
    return {
      id: String(this.resource.id),
      ...this.pick(this.resource, [
        'organizationId',
        'actorUserId',
        'door',
        'action',
        'targetType',
        'targetId',
        'ip',
        'details',
      ]),
      createdAt: this.resource.createdAt.toISO(),
    }
  }
}
