import { createHash } from 'node:crypto'
import type { HttpContext } from '@adonisjs/core/http'
import type { Authenticators } from '@adonisjs/auth/types'
import { safeEqual } from '@adonisjs/core/helpers'
import User from '#models/user'
import type { Actor, SessionProof } from '#types/actor'
import { AppException } from '#exceptions/app_exception'
import { resolveActor } from '#services/org_context'
import orgActivity from '#services/org_activity'

/*
 * A REST request's session: read fresh (the token, its user and membership,
 * then the organization: app/services/token_sessions.ts, org_context.ts), or,
 * on the routes whose one statement proves it (`middleware.recalledSession`),
 * recalled from this node's memo of sessions it read lately. A recalled
 * session is never the authority: the request's statement re-checks it in
 * its own snapshot (app/domain/auth/session_proof.ts), and when that check
 * fails the request is answered from a fresh read, with that read's 401, 403
 * or 404. So a revocation, a deactivation or a removal made on any node
 * ends the very next request, as with a fresh read, with no event to wait for.
 */

/**
 * Routes a bot's API key never opens (403 E_BOT_FORBIDDEN): a bot is
 * managed by its organization's admins, so it cannot change its own account,
 * sessions or two-factor state, create or leave organizations, or accept
 * invites. It can do everything a member does in its rooms.
 */
const BOT_FORBIDDEN = /^(auth\.(?!logout$)|users\.updateMe$|orgs\.(store|leave|invites\.accept)$)/

/** Requires a valid, non-revoked access token of an active account (401 otherwise). */
export async function authenticateRequest(ctx: HttpContext, guards?: (keyof Authenticators)[]) {
  const user = await ctx.auth.authenticateUsing(guards)
  if (user.deactivatedAt) {
    throw new AppException('This account is deactivated', { status: 401, code: 'E_UNAUTHORIZED' })
  }
  if (user.botOrganizationId && BOT_FORBIDDEN.test(ctx.route?.name ?? '')) {
    throw new AppException('Bots cannot use this route', {
      status: 403,
      code: 'E_BOT_FORBIDDEN',
    })
  }
  return user
}

/** The request's organization context: `x-organization-id`, else the user's active organization. */
export async function scopeRequest(ctx: HttpContext): Promise<Actor> {
  const header = ctx.request.header('x-organization-id')
  ctx.actor = await resolveActor(ctx.auth.getUserOrFail(), header)
  return ctx.actor
}

/** How long a session may be recalled after the fresh read that memoized it. */
const RECALL_MS = 30_000
const LIMIT = 10_000

interface Recalled {
  /** The token's stored hash: the presented secret must hash to it. */
  hash: string
  actor: Actor
  proof: SessionProof
  expires: number
}

/** Sessions read lately, by token id and the `x-organization-id` they were scoped by. */
const memo = new Map<string, Recalled>()

/** The bearer token of a request as the tokens guard reads it, or null. */
function bearer(ctx: HttpContext) {
  const [type, value] = ctx.request.header('authorization', '')!.split(' ')
  if (!type || type.toLowerCase() !== 'bearer' || !value) return null
  return User.accessTokens.decode(value)
}

const memoKey = (tokenId: string, header: string | undefined) => `${tokenId}|${header ?? ''}`

/**
 * Puts a recalled session on the request (`ctx.actor`, `ctx.sessionProof`)
 * when this node read the same token, for the same organization header,
 * within RECALL_MS, and the presented secret hashes to the token's hash.
 * False when there is none: the caller reads the session fresh.
 */
export function recallSession(ctx: HttpContext): boolean {
  const decoded = bearer(ctx)
  if (!decoded) return false
  const key = memoKey(decoded.identifier, ctx.request.header('x-organization-id'))
  const entry = memo.get(key)
  if (!entry) return false
  if (entry.expires <= Date.now()) {
    memo.delete(key)
    return false
  }
  const hash = createHash('sha256').update(decoded.secret.release()).digest('hex')
  if (!safeEqual(hash, entry.hash)) return false
  ctx.actor = entry.actor
  ctx.sessionProof = entry.proof
  orgActivity.record(entry.proof.organizationId, entry.proof.userId, 'rest')
  return true
}

/**
 * Reads the request's session fresh (the auth and org-scope middleware's
 * checks, with their errors) and memoizes it for `recallSession`.
 */
export async function openSession(ctx: HttpContext): Promise<Actor> {
  const user = await authenticateRequest(ctx)
  const actor = await scopeRequest(ctx)
  const token = user.currentAccessToken
  const header = ctx.request.header('x-organization-id')
  if (token.type !== 'auth_token') return actor
  const tokenId = String(token.identifier)
  if (memo.size >= LIMIT) memo.delete(memo.keys().next().value!)
  memo.set(memoKey(tokenId, header), {
    hash: token.hash,
    actor,
    proof: {
      tokenId,
      userId: user.id,
      organizationId: actor.organization.id,
      activeOrganization: !header,
    },
    expires: Date.now() + RECALL_MS,
  })
  return actor
}

/**
 * After the statement refused the recalled session: forgets it and reads the
 * session fresh, which answers with the refusal's own error or, when only the
 * memo was stale (a new active organization), the request's actor.
 */
export async function reopenSession(ctx: HttpContext): Promise<Actor> {
  const proof = ctx.sessionProof
  if (proof) {
    for (const [key, entry] of memo) if (entry.proof.tokenId === proof.tokenId) memo.delete(key)
  }
  ctx.sessionProof = undefined
  return openSession(ctx)
}

/** Forgets every memoized session (tests). */
export function forgetSessions() {
  memo.clear()
}

declare module '@adonisjs/core/http' {
  export interface HttpContext {
    /** Set by `recallSession`: the statement of the request must prove this session. */
    sessionProof?: SessionProof
  }
}
