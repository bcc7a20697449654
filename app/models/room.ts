import { DateTime } from 'luxon'
import { column, hasMany, scope } from '@adonisjs/lucid/orm'
import type { HasMany } from '@adonisjs/lucid/types/relations'
import { AppModel } from '#models/app_model'
import RoomMember from '#models/room_member'

/** Direct rooms have exactly two fixed members; group rooms (channels) are managed by room admins. */
export type RoomType = 'direct' | 'group'

/** Who can find a group room: its members only, or every member of the organization (who may join). */
export type RoomVisibility = 'private' | 'public'

/**
 * A conversation in an organization. `lastSeq` counts its messages (gap-free)
 * and `changeSeq` counts every change to them, for `?after=` syncs.
 */
export default class Room extends AppModel {
  static forOrg = scope((query, organizationId: string) => {
    query.where('rooms.organization_id', organizationId)
  })

  @column({ isPrimary: true })
  declare id: string

  @column()
  declare organizationId: string

  @column()
  declare type: RoomType

  @column()
  declare name: string | null

  @column()
  declare description: string | null

  @column()
  declare encrypted: boolean

  @column()
  declare visibility: RoomVisibility

  @column({ serializeAs: null })
  declare directKey: string | null

  @column()
  declare createdById: string | null

  @column({ consume: (value) => Number(value ?? 0) })
  declare lastSeq: number

  @column({ consume: (value) => Number(value ?? 0) })
  declare changeSeq: number

  @column.dateTime()
  declare lastMessageAt: DateTime | null

  @column.dateTime()
  declare archivedAt: DateTime | null

  /** Members below moderator may send one message per this many seconds; 0 is off. */
  @column({ consume: (value) => Number(value ?? 0) })
  declare slowModeSeconds: number

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  @hasMany(() => RoomMember)
  declare members: HasMany<typeof RoomMember>
}
