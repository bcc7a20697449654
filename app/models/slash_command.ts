import { DateTime } from 'luxon'
import { column, scope } from '@adonisjs/lucid/orm'
import { AppModel } from '#models/app_model'

/**
 * A slash command of one organization: `/name args`, run by a member in a
 * room through `POST /chat/rooms/:roomId/commands` (or the socket's
 * `run_command`), is POSTed, signed, to `url`; an `in_channel` answer is
 * posted as the bot `botId`. `roomIds` restricts it to some rooms. The
 * signing secret is sealed with APP_KEY (the HMAC needs it in clear).
 */
export default class SlashCommand extends AppModel {
  static forOrg = scope((query, organizationId: string) => {
    query.where('organization_id', organizationId)
  })

  @column({ isPrimary: true })
  declare id: string

  @column()
  declare organizationId: string

  /** Without the slash: lowercase letters, digits, `-` and `_`. */
  @column()
  declare name: string

  @column()
  declare url: string

  @column()
  declare description: string | null

  /** What follows the name, as the composer shows it (`<service> <version>`). */
  @column()
  declare usageHint: string | null

  /** Available only in these rooms (null: every room of the organization). */
  @column()
  declare roomIds: string[] | null

  @column()
  declare botId: string

  @column({ serializeAs: null })
  declare secretSealed: string

  @column()
  declare createdById: string | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
