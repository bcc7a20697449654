import env from '#start/env'
import app from '@adonisjs/core/services/app'
import { defineConfig } from '@adonisjs/core/http'

/*
|--------------------------------------------------------------------------
| HTTP server
|--------------------------------------------------------------------------
|
| Proxy headers (X-Forwarded-For) are trusted only when TRUST_PROXY is set,
| so that per-IP rate limits cannot be dodged with a forged header.
|
*/
export const http = defineConfig({
  generateRequestId: true,
  allowMethodSpoofing: false,
  useAsyncLocalStorage: false,
  trustProxy: env.get('TRUST_PROXY', false) ? () => true : () => false,
  cookie: {
    domain: '',
    path: '/',
    maxAge: '2h',
    httpOnly: true,
    secure: app.inProduction,
    sameSite: 'lax',
  },
})
