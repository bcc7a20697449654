import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { timingSafeEqual, createHash } from 'node:crypto'
import type { Registry } from 'prom-client'

/** Compares a presented bearer token with the configured one without leaking where they differ. */
function sameToken(presented: string, expected: string) {
  const digest = (value: string) => createHash('sha256').update(value).digest()
  return timingSafeEqual(digest(presented), digest(expected))
}

function answerJson(response: ServerResponse, status: number, code: string, message: string) {
  response.writeHead(status, { 'content-type': 'application/json' })
  response.end(JSON.stringify({ errors: [{ code, message }] }))
}

/**
 * The metrics listener: `GET /metrics` in Prometheus' text format on a port
 * of its own (METRICS_PORT), never on the public port where clients and the
 * Ingress are. With METRICS_TOKEN set, a scrape must present it as a bearer
 * token (401 E_UNAUTHORIZED otherwise). Anything else is 404.
 */
export function startMetricsServer(
  registry: Registry,
  options: { port: number; host: string; token?: string }
): Promise<Server> {
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const path = (request.url ?? '').split('?')[0]
    if (request.method !== 'GET' || path !== '/metrics') {
      return answerJson(response, 404, 'E_NOT_FOUND', 'Route not found')
    }
    if (options.token) {
      const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1]
      if (!bearer || !sameToken(bearer, options.token)) {
        response.setHeader('www-authenticate', 'Bearer')
        return answerJson(response, 401, 'E_UNAUTHORIZED', 'A valid metrics token is required')
      }
    }
    registry.metrics().then(
      (text) => {
        response.writeHead(200, { 'content-type': registry.contentType })
        response.end(text)
      },
      () => answerJson(response, 500, 'E_INTERNAL', 'Internal server error')
    )
  })
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port, options.host, () => resolve(server))
  })
}
