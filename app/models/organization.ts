import { DateTime } from 'luxon'
import { column, hasMany } from '@adonisjs/lucid/orm'
import type { HasMany } from '@adonisjs/lucid/types/relations'
import { AppModel } from '#models/app_model'
import Membership from '#models/membership'

/** Settings an organization's owners and admins control. */
export interface OrganizationSettings {
  /** Maximum number of members; null means unlimited. */
  maxMembers?: number | null
  /** Whether `@here` and `@all` notify everyone in a room. */
  allowChannelMentions?: boolean
  /** Free-form description shown to members. */
  description?: string | null
  /** Members must have two-factor authentication on to act in the organization. */
  requireTwoFactor?: boolean
}

/** A tenant. Every tenant-owned row carries its `organization_id`. */
export default class Organization extends AppModel {
  @column({ isPrimary: true })
  declare id: string

  @column()
  declare name: string

  @column()
  declare slug: string

  @column({
    prepare: (value: OrganizationSettings) => JSON.stringify(value ?? {}),
  })
  declare settings: OrganizationSettings

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  @hasMany(() => Membership)
  declare memberships: HasMany<typeof Membership>
}
