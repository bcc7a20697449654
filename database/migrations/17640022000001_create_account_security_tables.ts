import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Accounts a public server can offer (issue #22):
 * - `server_settings`: server-wide settings by key (the signup policy), set
 *   through chatctl and the admin API; a missing key means the default.
 * - `users.email_verified_at`: when the account proved its address (a
 *   verification link, a password reset, or an accepted invite: each token
 *   went to that address only).
 * - `users.two_factor_*`: the TOTP secret (encrypted with APP_KEY), when it
 *   was turned on, and the last time step used (a code works once).
 * - `auth_access_tokens.ip` / `user_agent`: where a session was opened, for
 *   the sessions list.
 * - `account_tokens`: single-use, expiring tokens mailed for verification
 *   and password reset; only their sha256 is stored.
 * - `user_recovery_codes`: 2FA recovery codes, hashed, each usable once.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('server_settings', (table) => {
      table.string('key', 64).primary()
      table.jsonb('value').notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
    })
    this.schema.alterTable('users', (table) => {
      table.timestamp('email_verified_at', { useTz: true }).nullable()
      table.text('two_factor_secret').nullable()
      table.timestamp('two_factor_enabled_at', { useTz: true }).nullable()
      table.bigInteger('two_factor_last_step').nullable()
    })
    this.schema.alterTable('auth_access_tokens', (table) => {
      table.string('ip', 45).nullable()
      table.string('user_agent', 255).nullable()
    })
    this.schema.createTable('account_tokens', (table) => {
      table.uuid('id').primary()
      table.uuid('user_id').notNullable().references('id').inTable('users').onDelete('CASCADE')
      table.string('purpose', 32).notNullable()
      table.string('token_hash', 64).notNullable().unique()
      table.string('email', 254).notNullable()
      table.timestamp('expires_at', { useTz: true }).notNullable()
      table.timestamp('used_at', { useTz: true }).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.index(['user_id', 'purpose'])
    })
    this.schema.raw(
      "ALTER TABLE account_tokens ADD CONSTRAINT account_tokens_purpose_check CHECK (purpose IN ('verify_email', 'reset_password'))"
    )
    this.schema.createTable('user_recovery_codes', (table) => {
      table.uuid('id').primary()
      table.uuid('user_id').notNullable().references('id').inTable('users').onDelete('CASCADE')
      table.string('code_hash', 64).notNullable()
      table.timestamp('used_at', { useTz: true }).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.unique(['user_id', 'code_hash'])
    })
  }

  async down() {
    this.schema.dropTable('user_recovery_codes')
    this.schema.dropTable('account_tokens')
    this.schema.alterTable('auth_access_tokens', (table) => {
      table.dropColumns('ip', 'user_agent')
    })
    this.schema.alterTable('users', (table) => {
      table.dropColumns(
        'email_verified_at',
        'two_factor_secret',
        'two_factor_enabled_at',
        'two_factor_last_step'
      )
    })
    this.schema.dropTable('server_settings')
  }
}
