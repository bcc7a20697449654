import { readFileSync } from 'node:fs'
import { RuntimeException } from '@adonisjs/core/exceptions'
import type { ServiceAccount } from 'firebase-admin/app'

/** The validated `FCM_*` variables (see plugin.ts). */
export interface PushFcmEnv {
  FCM_PROJECT_ID: string
  FCM_SERVICE_ACCOUNT_FILE?: string
  FCM_SERVICE_ACCOUNT_JSON?: string
  FCM_CONNECT_TO?: string
  FCM_CA_FILE?: string
  FCM_RETRY_LIMIT?: number
  FCM_RETRY_DELAY_SECONDS?: number
  FCM_BATCH_SIZE?: number
}

/** push-fcm's resolved settings. */
export interface PushFcmConfig {
  /** The Firebase project that owns the app registrations. */
  projectId: string
  /** Service account used to mint OAuth tokens for the FCM API. */
  serviceAccount: ServiceAccount
  /**
   * `host:port` every connection to Google's APIs is opened to instead of
   * the address DNS gives, e.g. an egress relay that forwards TLS unchanged.
   * TLS is still verified against Google's host names.
   */
  connectTo?: { host: string; port: number }
  /** Extra trusted CA certificates (PEM), added to Node's public roots. */
  ca?: string
  /** Attempts after the first for a push that failed transiently (default 5). */
  retryLimit: number
  /** First retry delay in seconds; doubled with jitter after each failure (default 10). */
  retryDelaySeconds: number
  /** Pushes fetched and sent per `sendEach` call (default 100, FCM allows 500). */
  batchSize: number
}

function fail(variable: string, problem: string): never {
  throw new RuntimeException(
    `Plugin "push-fcm": ${variable} ${problem}. Fix it in the environment or .env, or remove "push-fcm" from PARLEY_PLUGINS`,
    { code: 'E_PLUGIN_CONFIG' }
  )
}

function readText(variable: string, path: string) {
  try {
    return readFileSync(path, 'utf8')
  } catch (error) {
    fail(variable, `points to a file that cannot be read (${(error as Error).message})`)
  }
}

function parseServiceAccount(variable: string, text: string): ServiceAccount {
  let raw: Record<string, unknown>
  try {
    raw = JSON.parse(text)
  } catch {
    fail(variable, 'is not valid JSON')
  }
  const privateKey = raw.private_key ?? raw.privateKey
  const clientEmail = raw.client_email ?? raw.clientEmail
  if (typeof privateKey !== 'string' || typeof clientEmail !== 'string') {
    fail(variable, 'is not a service account key (private_key and client_email are required)')
  }
  return { projectId: String(raw.project_id ?? raw.projectId ?? ''), privateKey, clientEmail }
}

/**
 * Builds push-fcm's settings from its validated variables, reading the
 * service account and CA files now, so a wrong path or a broken key stops
 * the boot naming the variable instead of failing on the first push.
 */
export function defineConfig(env: PushFcmEnv): PushFcmConfig {
  const serviceAccount = env.FCM_SERVICE_ACCOUNT_JSON
    ? parseServiceAccount('FCM_SERVICE_ACCOUNT_JSON', env.FCM_SERVICE_ACCOUNT_JSON)
    : parseServiceAccount(
        'FCM_SERVICE_ACCOUNT_FILE',
        readText('FCM_SERVICE_ACCOUNT_FILE', env.FCM_SERVICE_ACCOUNT_FILE!)
      )
  const [host, port] = env.FCM_CONNECT_TO?.split(':') ?? []
  return {
    projectId: env.FCM_PROJECT_ID,
    serviceAccount,
    connectTo: host ? { host, port: Number(port) } : undefined,
    ca: env.FCM_CA_FILE ? readText('FCM_CA_FILE', env.FCM_CA_FILE) : undefined,
    retryLimit: env.FCM_RETRY_LIMIT ?? 5,
    retryDelaySeconds: env.FCM_RETRY_DELAY_SECONDS ?? 10,
    batchSize: env.FCM_BATCH_SIZE ?? 100,
  }
}
