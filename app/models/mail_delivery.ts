import { DateTime } from 'luxon'
import { column } from '@adonisjs/lucid/orm'
import { AppModel } from '#models/app_model'

/**
 * Where a mail stands: `logged` (no SMTP configured, nothing left the
 * server), `queued` (waiting for a worker or for its next retry), `sent`
 * (accepted by the SMTP server), `failed` (every retry failed).
 */
export type MailStatus = 'logged' | 'queued' | 'sent' | 'failed'

/** One mail Parley meant to send, and what became of it (never its body). */
export default class MailDelivery extends AppModel {
  @column({ isPrimary: true })
  declare id: string

  @column()
  declare organizationId: string | null

  /** What the mail is for (`invite`, `password_reset`, …). */
  @column()
  declare kind: string

  @column()
  declare recipient: string

  @column()
  declare subject: string

  @column()
  declare status: MailStatus

  /** SMTP attempts made so far. */
  @column()
  declare attempts: number

  /** The last attempt's error, shortened, for the admin who waits for the mail. */
  @column()
  declare lastError: string | null

  /** The Message-ID the SMTP server accepted. */
  @column()
  declare messageId: string | null

  @column.dateTime()
  declare sentAt: DateTime | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
