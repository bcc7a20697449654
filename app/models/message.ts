import { DateTime } from 'luxon'
import { column, hasMany, scope } from '@adonisjs/lucid/orm'
import type { HasMany } from '@adonisjs/lucid/types/relations'
import { AppModel } from '#models/app_model'
import MessageMention from '#models/message_mention'

/**
 * A message in a room. The body is stored only as ciphertext under a room key
 * (`bodyCiphertext`, `bodyKeyId`); `body` holds the decrypted text once
 * `MessageBodies.decrypt` has run, and is never persisted.
 */
export default class Message extends AppModel {
  static forOrg = scope((query, organizationId: string) => {
    query.where('messages.organization_id', organizationId)
  })

  @column({ isPrimary: true })
  declare id: string

  @column()
  declare organizationId: string

  @column()
  declare roomId: string

  @column()
  declare senderId: string | null

  @column({ consume: (value) => Number(value) })
  declare seq: number

  @column({ consume: (value) => Number(value) })
  declare versionSeq: number

  @column()
  declare replyToId: string | null

  @column()
  declare clientMessageId: string | null

  /** A reply that stays in its thread: not part of the room's timeline pages nor unread counts. */
  @column()
  declare threadOnly: boolean

  /** Which kinds of extras the message may have (`EXTRA_KINDS`, app/domain/messages/message_extras.ts). */
  @column({ serializeAs: null })
  declare extraKinds: number

  @column({ serializeAs: null })
  declare bodyHash: string

  @column({ serializeAs: null })
  declare bodyCiphertext: string | null

  @column({ serializeAs: null })
  declare bodyKeyId: string | null

  @column({ prepare: (value) => (value === null ? null : JSON.stringify(value)) })
  declare encryptedPayload: Record<string, unknown> | null

  @column.dateTime()
  declare editedAt: DateTime | null

  @column.dateTime()
  declare deletedAt: DateTime | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @hasMany(() => MessageMention)
  declare mentions: HasMany<typeof MessageMention>

  /** Decrypted body, filled in by MessageBodies; null for deleted messages. */
  body: string | null = null
}
