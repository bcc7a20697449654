import { DateTime } from 'luxon'
import { belongsTo, column, scope } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import { AppModel } from '#models/app_model'
import User from '#models/user'

/** Room roles: room admins add and remove members of a group room. */
export type RoomRole = 'admin' | 'member'

/** A user's place in a room, with their read pointer (`lastReadSeq`, monotonic). */
export default class RoomMember extends AppModel {
  static forOrg = scope((query, organizationId: string) => {
    query.where('room_members.organization_id', organizationId)
  })

  @column({ isPrimary: true })
  declare id: string

  @column()
  declare organizationId: string

  @column()
  declare roomId: string

  @column()
  declare userId: string

  @column()
  declare role: RoomRole

  @column({ consume: (value) => Number(value ?? 0) })
  declare lastReadSeq: number

  @column()
  declare muted: boolean

  @column.dateTime({ autoCreate: true })
  declare joinedAt: DateTime

  @belongsTo(() => User)
  declare user: BelongsTo<typeof User>
}
