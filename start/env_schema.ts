/*
|--------------------------------------------------------------------------
| Environment variables
|--------------------------------------------------------------------------
|
| Every variable Parley reads, validated at boot. `.env.example` documents
| each of them. `npm start` writes a `.env` with fresh keys when none exists.
| start/env.ts validates them at boot; `chatctl config check` without booting.
|
*/
import { Env } from '@adonisjs/core/env'

export const envSchema = {
  /*
  |----------------------------------------------------------
  | Application
  |----------------------------------------------------------
  */
  NODE_ENV: Env.schema.enum(['development', 'production', 'test'] as const),
  PORT: Env.schema.number(),
  HOST: Env.schema.string({ format: 'host' }),
  APP_KEY: Env.schema.secret(),
  APP_URL: Env.schema.string.optional({ format: 'url', tld: false }),
  LOG_LEVEL: Env.schema.string(),
  LOG_TO_STDERR: Env.schema.boolean.optional(),
  /** Debug pages (SQL, paths, source) in 500 answers; ignored in production. */
  DEBUG_ERROR_PAGES: Env.schema.boolean.optional(),
  TRUST_PROXY: Env.schema.boolean.optional(),
  CORS_ORIGINS: Env.schema.string.optional(),
  ADMIN_SOCKET_PATH: Env.schema.string.optional(),

  /*
  |----------------------------------------------------------
  | Encryption at rest: versioned master keys, "v1:<base64>,v2:<base64>"
  |----------------------------------------------------------
  */
  ENCRYPTION_KEYS: Env.schema.secret(),

  /*
  |----------------------------------------------------------
  | Cluster: how often a server node publishes its heartbeat (keyring
  | versions and fingerprints) in parley_nodes, in ms (5000); a node is live
  | for three periods after its last beat
  |----------------------------------------------------------
  */
  NODE_HEARTBEAT_MS: Env.schema.number.optional(),

  /*
  |----------------------------------------------------------
  | Drain on SIGTERM: the deadline of the whole stop in ms (25000), and how
  | long the node keeps accepting connections while unready (0), so load
  | balancers that poll readiness see it first
  |----------------------------------------------------------
  */
  DRAIN_TIMEOUT_MS: Env.schema.number.optional(),
  DRAIN_DELAY_MS: Env.schema.number.optional(),

  /*
  |----------------------------------------------------------
  | Metrics: Prometheus text on its own port (unset: off), on METRICS_HOST
  | (HOST by default), optionally behind a bearer token
  |----------------------------------------------------------
  */
  METRICS_PORT: Env.schema.number.optional(),
  METRICS_HOST: Env.schema.string.optional({ format: 'host' }),
  METRICS_TOKEN: Env.schema.string.optional(),

  /*
  |----------------------------------------------------------
  | Database: DATABASE_URL or DB_*; neither means the embedded database
  |----------------------------------------------------------
  */
  DATABASE_URL: Env.schema.string.optional(),
  DB_HOST: Env.schema.string.optional({ format: 'host' }),
  DB_PORT: Env.schema.number.optional(),
  DB_USER: Env.schema.string.optional(),
  DB_PASSWORD: Env.schema.string.optional(),
  DB_DATABASE: Env.schema.string.optional(),
  DB_POOL_MAX: Env.schema.number.optional(),
  DB_NAMED_STATEMENTS: Env.schema.boolean.optional(),
  EMBEDDED_DB_PORT: Env.schema.number.optional(),
  EMBEDDED_DB_DIR: Env.schema.string.optional(),

  /*
  |----------------------------------------------------------
  | Redis (multi-node fan-out, presence, rate limits)
  |----------------------------------------------------------
  */
  REDIS_URL: Env.schema.string.optional(),

  /*
  |----------------------------------------------------------
  | Live sessions: seconds between re-checks of every socket and SSE stream
  | (30), the safety net behind revocation events
  |----------------------------------------------------------
  */
  SESSION_REVALIDATE_SECONDS: Env.schema.number.optional(),

  /*
  |----------------------------------------------------------
  | Mail (invites). Without SMTP_HOST mail is written to the log and
  | does not leave the server. With it, a job sends each mail, retried
  | MAIL_RETRY_LIMIT times (5) with backoff from MAIL_RETRY_DELAY_SECONDS (30).
  |----------------------------------------------------------
  */
  SMTP_HOST: Env.schema.string.optional(),
  SMTP_PORT: Env.schema.number.optional(),
  SMTP_SECURE: Env.schema.boolean.optional(),
  SMTP_USERNAME: Env.schema.string.optional(),
  SMTP_PASSWORD: Env.schema.string.optional(),
  SMTP_TIMEOUT_SECONDS: Env.schema.number.optional(),
  MAIL_FROM: Env.schema.string.optional(),
  MAIL_RETRY_LIMIT: Env.schema.number.optional(),
  MAIL_RETRY_DELAY_SECONDS: Env.schema.number.optional(),

  /*
  |----------------------------------------------------------
  | Outgoing webhooks: each delivery is retried WEBHOOK_RETRY_LIMIT
  | times (5) with backoff from WEBHOOK_RETRY_DELAY_SECONDS (10); a
  | webhook is disabled after WEBHOOK_DISABLE_AFTER failed attempts in
  | a row (15). WEBHOOK_TIMEOUT_MS (5000) caps each attempt.
  |----------------------------------------------------------
  */
  WEBHOOK_RETRY_LIMIT: Env.schema.number.optional(),
  WEBHOOK_RETRY_DELAY_SECONDS: Env.schema.number.optional(),
  WEBHOOK_DISABLE_AFTER: Env.schema.number.optional(),
  WEBHOOK_TIMEOUT_MS: Env.schema.number.optional(),

  /*
  |----------------------------------------------------------
  | Single sign-on with OpenID Connect (authorization code + PKCE). Off
  | unless OIDC_ISSUER is set. The redirect URI defaults to
  | <APP_URL>/auth/oidc/callback (a page of the web client).
  |----------------------------------------------------------
  */
  OIDC_ISSUER: Env.schema.string.optional({ format: 'url', tld: false }),
  OIDC_CLIENT_ID: Env.schema.string.optional(),
  OIDC_CLIENT_SECRET: Env.schema.string.optional(),
  OIDC_REDIRECT_URI: Env.schema.string.optional({ format: 'url', tld: false }),
  /** Organization (id or slug) that SSO users join when their email domain or group matches. */
  OIDC_JOIN_ORGANIZATION: Env.schema.string.optional(),
  /** Comma-separated email domains whose SSO users join OIDC_JOIN_ORGANIZATION. */
  OIDC_JOIN_DOMAINS: Env.schema.string.optional(),
  /** A value of the `groups` claim whose SSO users join OIDC_JOIN_ORGANIZATION. */
  OIDC_JOIN_GROUP: Env.schema.string.optional(),

  /*
  |----------------------------------------------------------
  | Notifications: days kept before the cleanup job deletes them (90), and
  | when that job runs (cron, UTC; daily at 03:17 by default)
  |----------------------------------------------------------
  */
  NOTIFICATION_RETENTION_DAYS: Env.schema.number.optional(),
  NOTIFICATION_CLEANUP_CRON: Env.schema.string.optional(),

  /*
  |----------------------------------------------------------
  | Retention: when the sweep of expired messages and files runs (cron, UTC;
  | daily at 03:47 by default); the days are set per organization and room
  |----------------------------------------------------------
  */
  RETENTION_CRON: Env.schema.string.optional(),

  /*
  |----------------------------------------------------------
  | Exports: hours an archive is kept before the cleanup deletes it (24),
  | minutes a download link stays valid (10), and when the cleanup runs
  | (cron, UTC; hourly at :23 by default)
  |----------------------------------------------------------
  */
  EXPORT_TTL_HOURS: Env.schema.number.optional(),
  EXPORT_LINK_MINUTES: Env.schema.number.optional(),
  EXPORT_CLEANUP_CRON: Env.schema.string.optional(),

  /*
  |----------------------------------------------------------
  | Rate limits (throttles, never lock-outs; .env.example has the defaults)
  |----------------------------------------------------------
  */
  SEND_RATE_PER_MINUTE: Env.schema.number.optional(),
  SOCKETS_PER_USER: Env.schema.number.optional(),
  ORG_CREATE_RATE_PER_HOUR: Env.schema.number.optional(),
  ROOM_CREATE_RATE_PER_HOUR: Env.schema.number.optional(),
  INVITE_RATE_PER_HOUR: Env.schema.number.optional(),
  INVITE_ADDRESS_RATE_PER_DAY: Env.schema.number.optional(),
  INVITE_ACCEPT_RATE_PER_HOUR: Env.schema.number.optional(),
  REACTION_RATE_PER_MINUTE: Env.schema.number.optional(),
  SEARCH_RATE_PER_MINUTE: Env.schema.number.optional(),
  LOGIN_FAILURES_PER_MINUTE: Env.schema.number.optional(),
  LOGIN_SLOWDOWN_AFTER_FAILURES: Env.schema.number.optional(),
  LOGIN_SLOWDOWN_MS: Env.schema.number.optional(),

  /*
  |----------------------------------------------------------
  | Plugins: comma-separated ids (push-fcm,e2e-keys,media-s3)
  |----------------------------------------------------------
  */
  PARLEY_PLUGINS: Env.schema.string.optional(),
}
