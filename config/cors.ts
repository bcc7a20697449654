import env from '#start/env'
import { defineConfig } from '@adonisjs/cors'

/*
|--------------------------------------------------------------------------
| CORS
|--------------------------------------------------------------------------
|
| Allowed origins come from CORS_ORIGINS (comma-separated). The same list is
| applied to Socket.IO and SSE. Without it, only same-origin requests pass.
|
*/
export const allowedOrigins = (env.get('CORS_ORIGINS') ?? '')
  .split(',')
  .map((origin) => origin.trim())
  .filter(Boolean)

const corsConfig = defineConfig({
  enabled: true,
  origin: allowedOrigins.includes('*') ? true : allowedOrigins,
  methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
  headers: true,
  exposeHeaders: ['retry-after', 'x-request-id'],
  credentials: true,
  maxAge: 90,
})

export default corsConfig
