import { randomBytes } from 'node:crypto'

/**
 * The settings `npm start` writes to a fresh `.env` (bin/start.ts): a
 * development install with new secrets. Debug error pages stay off: a 500
 * shows clients a code, a message and a request id, never internals; a
 * developer opts in with DEBUG_ERROR_PAGES=true.
 */
export function freshEnvSettings(): Record<string, string> {
  return {
    NODE_ENV: 'development',
    PORT: '3000',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'info',
    APP_KEY: randomBytes(32).toString('base64url'),
    ENCRYPTION_KEYS: `v1:${randomBytes(32).toString('base64')}`,
  }
}
