/*
|--------------------------------------------------------------------------
| Named HTTP rate limits
|--------------------------------------------------------------------------
|
| Per IP on the auth routes (per-account throttling of failed logins lives
| in the LoginUser action). Over the limit: 429 with Retry-After.
|
*/
import limiter from '@adonisjs/limiter/services/main'

export const authThrottle = limiter.define('auth', (ctx) => {
  return limiter.allowRequests(30).every('1 minute').usingKey(`ip:${ctx.request.ip()}`)
})
