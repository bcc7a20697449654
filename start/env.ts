/*
|--------------------------------------------------------------------------
| Environment variables
|--------------------------------------------------------------------------
|
| Every variable Parley reads, validated at boot. `.env.example` documents
| each of them. `npm start` writes a `.env` with fresh keys when none exists.
|
*/
import { Env } from '@adonisjs/core/env'

export default await Env.create(new URL('../', import.meta.url), {
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
  | Mail (invites). Without SMTP_HOST mail is written to the log.
  |----------------------------------------------------------
  */
  SMTP_HOST: Env.schema.string.optional(),
  SMTP_PORT: Env.schema.number.optional(),
  SMTP_USERNAME: Env.schema.string.optional(),
  SMTP_PASSWORD: Env.schema.string.optional(),
  MAIL_FROM: Env.schema.string.optional(),

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
  LOGIN_FAILURES_PER_MINUTE: Env.schema.number.optional(),
  LOGIN_SLOWDOWN_AFTER_FAILURES: Env.schema.number.optional(),
  LOGIN_SLOWDOWN_MS: Env.schema.number.optional(),

  /*
  |----------------------------------------------------------
  | Plugins: comma-separated ids (push-fcm,e2e-keys,media-s3)
  |----------------------------------------------------------
  */
  PARLEY_PLUGINS: Env.schema.string.optional(),
})
