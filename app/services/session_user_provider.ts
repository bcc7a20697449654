import type { Secret } from '@adonisjs/core/helpers'
import { AccessTokensLucidUserProvider } from '@adonisjs/auth/access_tokens'
import type { LucidTokenable } from '@adonisjs/auth/types/access_tokens'

/**
 * The session reader, imported on first use (config/auth.ts loads this file
 * before the models can be), then kept: a dynamic import per request still
 * resolves the specifier each time.
 */
let sessions: typeof import('#services/token_sessions') | undefined

/** How long a user read with a token waits for the guard's `findById` (the same request's next step). */
const HANDOFF_MS = 1000

/**
 * The tokens guard's user provider, reading the token and its user (and
 * the user's active membership) in one statement
 * (app/services/token_sessions.ts) instead of the library's token query,
 * then user query. The guard asks `verifyToken`, then `findById` for the
 * token's user: the user read with the token is handed over between the
 * two, taken once. Should another request's verification of the same user
 * take it first (both are reads of this instant), `findById` reads the user
 * again, as the library does.
 */
export class SessionUserProvider<
  TokenableProperty extends string,
  UserModel extends LucidTokenable<TokenableProperty>,
> extends AccessTokensLucidUserProvider<TokenableProperty, UserModel> {
  #handoff = new Map<string, { user: InstanceType<UserModel>; at: number }>()

  async verifyToken(tokenValue: Secret<string>) {
    const { verifySession } = (sessions ??= await import('#services/token_sessions'))
    const tokens = (await this.getTokensProvider()) as unknown as Parameters<
      typeof verifySession
    >[0]
    const session = await verifySession(tokens, tokenValue)
    if (!session) return null
    if (this.#handoff.size > 1000) this.#handoff.clear()
    this.#handoff.set(String(session.user.id), {
      user: session.user as unknown as InstanceType<UserModel>,
      at: performance.now(),
    })
    return session.token
  }

  async findById(identifier: string | number | bigint) {
    const key = String(identifier)
    const handed = this.#handoff.get(key)
    this.#handoff.delete(key)
    if (handed && performance.now() - handed.at <= HANDOFF_MS) {
      return this.createUserForGuard(handed.user)
    }
    return super.findById(identifier)
  }
}
