import { DateTime } from 'luxon'
import hash from '@adonisjs/core/services/hash'
import { compose } from '@adonisjs/core/helpers'
import { column, hasMany } from '@adonisjs/lucid/orm'
import type { HasMany } from '@adonisjs/lucid/types/relations'
import { withAuthFinder } from '@adonisjs/auth/mixins/lucid'
import { AppModel } from '#models/app_model'
import { ParleyAccessTokensProvider } from '#services/access_tokens'
import Membership from '#models/membership'

const AuthFinder = withAuthFinder(() => hash.use('scrypt'), {
  uids: ['email', 'username'],
  passwordColumnName: 'password',
})

/** A person (or bot) with an account. Global: users belong to organizations through memberships. */
export default class User extends compose(AppModel, AuthFinder) {
  @column({ isPrimary: true })
  declare id: string

  @column()
  declare email: string

  @column()
  declare username: string

  @column()
  declare displayName: string | null

  @column({ serializeAs: null })
  declare password: string

  @column()
  declare activeOrganizationId: string | null

  @column()
  declare isAdmin: boolean

  @column()
  declare avatarKey: string | null

  @column.dateTime()
  declare lastSeenAt: DateTime | null

  @column.dateTime()
  declare deactivatedAt: DateTime | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  @hasMany(() => Membership)
  declare memberships: HasMany<typeof Membership>

  /** Finds an account by email or username, case-insensitively. */
  static findByLogin(login: string) {
    const uid = login.toLowerCase()
    return User.query()
      .whereRaw('lower(email) = ?', [uid])
      .orWhereRaw('lower(username) = ?', [uid])
      .first()
  }

  static accessTokens = ParleyAccessTokensProvider.forTokenable(User, {
    expiresIn: '30 days',
    prefix: 'plr_',
    table: 'auth_access_tokens',
    type: 'auth_token',
    tokenSecretLength: 40,
  })

  /**
   * Admin tokens for `chatctl` in remote mode: a separate token type, so a
   * user's API token never opens the admin API, and only the admin guard
   * accepts these. They do not expire unless created with an expiry.
   */
  static adminTokens = ParleyAccessTokensProvider.forTokenable(User, {
    prefix: 'pla_',
    table: 'auth_access_tokens',
    type: 'admin_token',
    tokenSecretLength: 40,
  })
}
