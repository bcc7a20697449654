import { type Secret } from '@adonisjs/core/helpers'
import type { LucidModel } from '@adonisjs/lucid/types/model'
import type { DatabaseQueryBuilderContract } from '@adonisjs/lucid/types/querybuilder'
import { AccessToken, DbAccessTokensProvider } from '@adonisjs/auth/access_tokens'
import { preparedRows } from '#services/prepared_statements'

/** How stale `last_used_at` may get before a request writes it again. */
const TOUCH_EVERY_MS = 60_000

/**
 * The access-token provider of @adonisjs/auth, except that verifying a token
 * writes `last_used_at` at most once a minute instead of on every request:
 * the library's UPDATE (a commit, so a WAL flush) on each authenticated
 * request and socket handshake was the largest cost of a history page read.
 * The lookup goes as a named statement (app/services/prepared_statements.ts):
 * planned anew on every request, its four-table join cost PostgreSQL more
 * than the history page it authorized. Everything else (lookup by id and
 * type, constant-time hash check, expiry) is the library's.
 */
export class ParleyAccessTokensProvider<
  TokenableModel extends LucidModel,
> extends DbAccessTokensProvider<TokenableModel> {
  static forTokenable<Model extends LucidModel>(
    model: Model,
    options: Omit<ConstructorParameters<typeof DbAccessTokensProvider<Model>>[0], 'tokenableModel'>
  ) {
    return new ParleyAccessTokensProvider<Model>({ tokenableModel: model, ...options })
  }

  /** A presented token value's id and secret, or null when it is not one of this provider's. */
  decode(tokenValue: string) {
    return AccessToken.decode(this.prefix, tokenValue)
  }

  async verify(tokenValue: Secret<string>) {
    const verified = await this.verifyJoined(tokenValue)
    return verified?.token ?? null
  }

  /**
   * `verify`, with more tables joined onto the token row (alias `t`) in the
   * same statement: the callers that need the token's user (and its
   * membership) read them in this round trip instead of one each
   * (app/services/token_sessions.ts). Answers the token and the whole row,
   * or null for an unknown, revoked, tampered or expired token.
   */
  async verifyJoined(
    tokenValue: Secret<string>,
    join?: (query: DatabaseQueryBuilderContract) => void
  ): Promise<{ token: AccessToken; row: Record<string, any> } | null> {
    const decoded = AccessToken.decode(this.prefix, tokenValue.release())
    if (!decoded) return null
    const bindings = [decoded.identifier, this.type, 1]
    const [row] = await preparedRows<any>(await this.lookupSql(join, bindings), bindings)
    if (!row) return null
    const token = this.dbRowToAccessToken(row)
    if (!token.verify(decoded.secret) || token.isExpired()) return null
    const lastUsed = row.last_used_at ? new Date(row.last_used_at).getTime() : 0
    if (Date.now() - lastUsed >= TOUCH_EVERY_MS) {
      const now = new Date()
      const db = await this.getDb()
      await db.from(this.table).where({ id: row.id, type: row.type }).update({ last_used_at: now })
      token.lastUsedAt = now
    }
    return { token, row }
  }

  /**
   * The lookup's SQL for one `join` (by identity: pass a function made
   * once), built by knex the first time only: knex's query building was
   * ~5% of a history page's CPU. The values travel as `bindings`
   * (`[id, type, limit]`), so a join that binds values of its own is refused.
   */
  private async lookupSql(
    join: ((query: DatabaseQueryBuilderContract) => void) | undefined,
    bindings: unknown[]
  ) {
    const key = join ?? this
    const cached = this.#lookups.get(key)
    if (cached) return cached
    const db = await this.getDb()
    const query = db
      .query()
      .from(`${this.table} as t`)
      .select('t.*')
      .where('t.id', bindings[0] as string)
      .where('t.type', bindings[1] as string)
    join?.(query)
    const built = query.limit(bindings[2] as number).toSQL()
    const same =
      built.bindings.length === bindings.length &&
      built.bindings.every((value, i) => value === bindings[i])
    if (!same) throw new Error('A token lookup join must not bind values of its own')
    this.#lookups.set(key, built.sql)
    return built.sql
  }

  #lookups = new WeakMap<object, string>()
}
