import { DateTime } from 'luxon'
import { column, scope } from '@adonisjs/lucid/orm'
import { AppModel } from '#models/app_model'

/** `queued` (waiting or retrying), `succeeded` (a 2xx answer), `failed` (retries exhausted). */
export type DeliveryStatus = 'queued' | 'succeeded' | 'failed'

/** One event sent (or being sent) to one outgoing webhook, and what became of it. */
export default class WebhookDelivery extends AppModel {
  static forOrg = scope((query, organizationId: string) => {
    query.where('organization_id', organizationId)
  })

  @column({ isPrimary: true })
  declare id: string

  @column()
  declare organizationId: string

  @column()
  declare webhookId: string

  @column()
  declare event: string

  /** The body sent, as JSON (the same bytes on every attempt). */
  @column()
  declare payload: Record<string, unknown>

  @column()
  declare status: DeliveryStatus

  @column()
  declare attempts: number

  /** The HTTP status of the last answer (null: no answer, or not tried yet). */
  @column()
  declare responseStatus: number | null

  @column()
  declare lastError: string | null

  @column.dateTime()
  declare deliveredAt: DateTime | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
