import { DateTime } from 'luxon'
import { column, scope } from '@adonisjs/lucid/orm'
import { AppModel } from '#models/app_model'

/** A previous body of an edited message, encrypted like the message itself. */
export default class MessageEdit extends AppModel {
  static forOrg = scope((query, organizationId: string) => {
    query.where('message_edits.organization_id', organizationId)
  })

  @column({ isPrimary: true })
  declare id: string

  @column()
  declare organizationId: string

  @column()
  declare messageId: string

  @column({ serializeAs: null })
  declare bodyCiphertext: string

  @column({ serializeAs: null })
  declare bodyKeyId: string

  @column.dateTime()
  declare editedAt: DateTime
}
