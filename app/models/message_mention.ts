import { BaseModel, column, scope } from '@adonisjs/lucid/orm'

/** How a user was mentioned: by name, or through `@here` / `@all`. */
export type MentionKind = 'user' | 'here' | 'all'

/**
 * A user mentioned by a message; notifications read these. The table's key is
 * (message_id, user_id); rows are written with the query builder, never saved
 * one by one, so the model names only `messageId` as its key.
 */
export default class MessageMention extends BaseModel {
  static table = 'message_mentions'

  static forOrg = scope((query, organizationId: string) => {
    query.where('message_mentions.organization_id', organizationId)
  })

  @column({ isPrimary: true })
  declare messageId: string

  @column()
  declare userId: string

  @column()
  declare organizationId: string

  @column()
  declare kind: MentionKind
}
