/*
|--------------------------------------------------------------------------
| Named HTTP rate limits
|--------------------------------------------------------------------------
|
| Per IP on the auth routes, per email on registration (failed logins are
| throttled per account and client in the LoginUser action), per user on
| message sends (one budget with the sockets: #services/send_budget) and
| on the doors where abuse is cheap: creating organizations, rooms and
| invites (per inviter, and per inviter and address), accepting invites.
| Budgets come from config/limiter.ts. Over a limit: 429 with Retry-After.
|
*/
import type { HttpContext } from '@adonisjs/core/http'
import limiter from '@adonisjs/limiter/services/main'
import { limits } from '#config/limiter'
import { SEND_BUDGET_NAME, userBudgetKey } from '#services/send_budget'

/** The signed-in user (the routes below run after the auth middleware), else the IP. */
function account(ctx: HttpContext) {
  return ctx.auth.user ? userBudgetKey(ctx.auth.user.id) : `ip:${ctx.request.ip()}`
}

export const authThrottle = limiter.define('auth', (ctx) => {
  return limiter.allowRequests(30).every('1 minute').usingKey(`ip:${ctx.request.ip()}`)
})

/** Registrations of one email address: a throttle on hammering one account. */
export const registrationThrottle = limiter.define('registration', (ctx) => {
  const email = ctx.request.input('email')
  const key = typeof email === 'string' ? email.trim().toLowerCase() : 'none'
  return limiter.allowRequests(5).every('10 minutes').usingKey(`register:${key}`)
})

/** REST message sends per user: the same budget as the user's sockets (#services/send_budget). */
export const sendThrottle = limiter.define(SEND_BUDGET_NAME, (ctx) => {
  return limiter.allowRequests(limits.sendsPerMinute).every('1 minute').usingKey(account(ctx))
})

/** Organizations created per user. */
export const orgCreateThrottle = limiter.define('org_create', (ctx) => {
  return limiter.allowRequests(limits.orgCreatesPerHour).every('1 hour').usingKey(account(ctx))
})

/** Rooms opened or created per user, direct and group together. */
export const roomCreateThrottle = limiter.define('room_create', (ctx) => {
  return limiter.allowRequests(limits.roomCreatesPerHour).every('1 hour').usingKey(account(ctx))
})

/** Invites per inviter, whatever the organization and the address: bounds the mail one account sends. */
export const inviteThrottle = limiter.define('invite', (ctx) => {
  return limiter.allowRequests(limits.invitesPerHour).every('1 hour').usingKey(account(ctx))
})

/**
 * Invites from one inviter to one address: no mail-bombing one address, and
 * no revoke-and-reinvite loop. Keyed by inviter too, so that nobody can use
 * up an address's budget and keep others from inviting it.
 */
export const inviteAddressThrottle = limiter.define('invite_address', (ctx) => {
  const email = ctx.request.input('email')
  const address = typeof email === 'string' ? email.trim().toLowerCase() : 'none'
  return limiter
    .allowRequests(limits.invitesPerAddressPerDay)
    .every('1 day')
    .usingKey(`${account(ctx)}:${address}`)
})

/** Invite accepts per user (tokens are unguessable; this bounds the work and the events). */
export const inviteAcceptThrottle = limiter.define('invite_accept', (ctx) => {
  return limiter.allowRequests(limits.inviteAcceptsPerHour).every('1 hour').usingKey(account(ctx))
})

/** Reactions and pins changed per user (each change is a room broadcast). */
export const reactionThrottle = limiter.define('reaction', (ctx) => {
  return limiter.allowRequests(limits.reactionsPerMinute).every('1 minute').usingKey(account(ctx))
})

/** Searches per user (a search hashes its words with the key of every room the user reads). */
export const searchThrottle = limiter.define('search', (ctx) => {
  return limiter.allowRequests(limits.searchesPerMinute).every('1 minute').usingKey(account(ctx))
})

/** Account security doors per user (sessions, two-factor setup): bounds the work one token can cause. */
export const accountThrottle = limiter.define('account', (ctx) => {
  return limiter.allowRequests(60).every('1 minute').usingKey(account(ctx))
})

/**
 * Mails sent on request (password reset, verification again) per IP: each
 * one costs the server a mail and can annoy its recipient.
 */
export const accountMailThrottle = limiter.define('account_mail', (ctx) => {
  return limiter.allowRequests(10).every('1 hour').usingKey(`ip:${ctx.request.ip()}`)
})

/**
 * The same mails per address, whoever asks: no mail-bombing one inbox from
 * many IPs. Known and unknown addresses are counted alike (no enumeration).
 */
export const accountMailAddressThrottle = limiter.define('account_mail_address', (ctx) => {
  const email = ctx.request.input('email') ?? ctx.auth.user?.email
  const address = typeof email === 'string' ? email.trim().toLowerCase() : 'none'
  return limiter.allowRequests(3).every('1 hour').usingKey(`mail:${address}`)
})

/**
 * Single sign-on starts per IP (`GET /auth/oidc/authorize`): the login page
 * asks once per load whether SSO is on, so this is a budget of its own and
 * never eats into the login attempts of `authThrottle`.
 */
export const ssoStartThrottle = limiter.define('sso_start', (ctx) => {
  return limiter.allowRequests(60).every('1 minute').usingKey(`ip:${ctx.request.ip()}`)
})

/** Export requests per account: 10 an hour (each builds a whole archive). */
export const exportThrottle = limiter.define('export', (ctx) => {
  return limiter.allowRequests(10).every('1 hour').usingKey(account(ctx))
})
