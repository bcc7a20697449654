import { defineConfig } from '@adonisjs/auth'
import { tokensGuard } from '@adonisjs/auth/access_tokens'
import { SessionUserProvider } from '#services/session_user_provider'
import type { InferAuthenticators, InferAuthEvents, Authenticators } from '@adonisjs/auth/types'

/*
|--------------------------------------------------------------------------
| Authentication: opaque, revocable access tokens stored hashed
|--------------------------------------------------------------------------
*/
const authConfig = defineConfig({
  default: 'api',
  guards: {
    api: tokensGuard({
      provider: new SessionUserProvider({
        tokens: 'accessTokens',
        model: () => import('#models/user'),
      }),
    }),
    admin: tokensGuard({
      provider: new SessionUserProvider({
        tokens: 'adminTokens',
        model: () => import('#models/user'),
      }),
    }),
  },
})

export default authConfig

declare module '@adonisjs/auth/types' {
  export interface Authenticators extends InferAuthenticators<typeof authConfig> {}
}
declare module '@adonisjs/core/types' {
  interface EventsList extends InferAuthEvents<Authenticators> {}
}
