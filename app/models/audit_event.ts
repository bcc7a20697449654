import { DateTime } from 'luxon'
import { BaseModel, column, scope } from '@adonisjs/lucid/orm'

/**
 * One entry of the audit log (append-only: the database refuses updates and
 * deletes). Ids are a bigserial, so entries page in the order written.
 * Written by app/domain/audit/audit_log.ts only; read through this model.
 */
export default class AuditEvent extends BaseModel {
  static table = 'audit_events'

  static forOrg = scope((query, organizationId: string) => {
    query.where('organization_id', organizationId)
  })

  @column({ isPrimary: true })
  declare id: string

  @column()
  declare organizationId: string | null

  @column()
  declare actorUserId: string | null

  /** rest, socket, admin-api, chatctl, job or system. */
  @column()
  declare door: string

  @column()
  declare action: string

  @column()
  declare targetType: string | null

  @column()
  declare targetId: string | null

  @column()
  declare ip: string | null

  @column()
  declare details: Record<string, unknown>

  @column.dateTime()
  declare createdAt: DateTime
}
