import { DateTime } from 'luxon'
import { column, scope } from '@adonisjs/lucid/orm'
import { AppModel } from '#models/app_model'

/** A signed, short-lived way to download a file and its thumbnail. */
export interface SignedDownload {
  url: string
  thumbnailUrl: string | null
  expiresAt: DateTime
}

/**
 * A file attached to a message. Type, size and hash are what the server
 * measured while streaming it to the disk, never the client's claims.
 */
export default class MediaAsset extends AppModel {
  static forOrg = scope((query, organizationId: string) => {
    query.where('media_assets.organization_id', organizationId)
  })

  @column({ isPrimary: true })
  declare id: string

  @column()
  declare organizationId: string

  @column()
  declare messageId: string

  @column()
  declare roomId: string

  @column()
  declare uploaderId: string | null

  @column()
  declare disk: string

  @column({ serializeAs: null })
  declare key: string

  @column()
  declare originalName: string

  @column()
  declare mime: string

  @column({ consume: (value) => Number(value) })
  declare size: number

  @column({ columnName: 'sha256' })
  declare sha256: string

  @column()
  declare width: number | null

  @column()
  declare height: number | null

  @column({ serializeAs: null })
  declare thumbnailKey: string | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  /** Filled in by the media actions when the caller may download; never persisted. */
  download: SignedDownload | null = null
}
