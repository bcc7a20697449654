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

  /** When the account proved it owns `email` (null: not yet). */
  @column.dateTime()
  declare emailVerifiedAt: DateTime | null

  /** The TOTP secret, encrypted with APP_KEY (set during setup, before it is enabled). */
  @column({ serializeAs: null })
  declare twoFactorSecret: string | null

  /** When two-factor authentication was turned on (null: off). */
  @column.dateTime()
  declare twoFactorEnabledAt: DateTime | null

  /** The last TOTP time step accepted, so a code is never accepted twice. */
  @column({ serializeAs: null })
  declare twoFactorLastStep: number | string | null

  /**
   * The organization that owns this account when it is a bot (null for a
   * person). A bot has no usable password, authenticates with API keys
   * (`botKeys`) and can act in this organization only.
   */
  @column()
  declare botOrganizationId: string | null

  /** The admin who created the bot (null for a person, or once that admin is deleted). */
  @column()
  declare botCreatedById: string | null

  /** Whether this account is a bot (marked `isBot` in every user payload). */
  get isBot() {
    return Boolean(this.botOrganizationId)
  }

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
   * A bot's API keys: API tokens of the same type as `accessTokens` (so every
   * door, REST, sockets and SSE, accepts them and the one revocation ends
   * them) that do not expire; they are shown once and stored hashed.
   */
  static botKeys = ParleyAccessTokensProvider.forTokenable(User, {
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
