/*
|--------------------------------------------------------------------------
| Named HTTP rate limits
|--------------------------------------------------------------------------
|
| Per IP on the auth routes, per email on registration (per-account
| throttling of failed logins lives in the LoginUser action), and per user
| on REST message sends. Over a limit: 429 with Retry-After.
|
*/
import limiter from '@adonisjs/limiter/services/main'
import env from '#start/env'

export const authThrottle = limiter.define('auth', (ctx) => {
  return limiter.allowRequests(30).every('1 minute').usingKey(`ip:${ctx.request.ip()}`)
})

/** Registrations of one email address: a throttle on hammering one account. */
export const registrationThrottle = limiter.define('registration', (ctx) => {
  const email = ctx.request.input('email')
  const key = typeof email === 'string' ? email.trim().toLowerCase() : 'none'
  return limiter.allowRequests(5).every('10 minutes').usingKey(`register:${key}`)
})

/** REST message sends per user (sockets have their own budget per socket). */
export const sendThrottle = limiter.define('sends', (ctx) => {
  return limiter
    .allowRequests(env.get('SEND_RATE_PER_MINUTE', 600))
    .every('1 minute')
    .usingKey(`user:${ctx.auth.user?.id ?? ctx.request.ip()}`)
})
