import env from '#start/env'
import app from '@adonisjs/core/services/app'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { defineConfig } from '@adonisjs/core/http'
import { serializeJson } from '#services/json_body'

/*
|--------------------------------------------------------------------------
| HTTP server
|--------------------------------------------------------------------------
|
| Proxy headers (X-Forwarded-For) are trusted only when TRUST_PROXY is set,
| so that per-IP rate limits cannot be dodged with a forged header.
| A URL whose percent-encoding does not decode is refused before routing;
| it gets the same JSON error shape as every other answer.
|
*/
export const http = defineConfig({
  serializeJSON: serializeJson,
  generateRequestId: true,
  allowMethodSpoofing: false,
  useAsyncLocalStorage: false,
  trustProxy: env.get('TRUST_PROXY', false) ? () => true : () => false,
  onBadUrl(_request: IncomingMessage, response: ServerResponse) {
    const body = {
      errors: [{ code: 'E_BAD_REQUEST', message: 'The URL is not valid percent-encoded UTF-8' }],
    }
    response.writeHead(400, { 'Content-Type': 'application/json; charset=utf-8' })
    response.end(JSON.stringify(body))
  },
  cookie: {
    domain: '',
    path: '/',
    maxAge: '2h',
    httpOnly: true,
    secure: app.inProduction,
    sameSite: 'lax',
  },
})
