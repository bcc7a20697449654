import { randomBytes } from 'node:crypto'
import { FRESH_SETTINGS } from '../commands/app_env.ts'

/**
 * The settings `npm start` writes to a fresh `.env` (bin/start.ts): a
 * development install with new secrets. Debug error pages stay off: a 500
 * shows clients a code, a message and a request id, never internals; a
 * developer opts in with DEBUG_ERROR_PAGES=true.
 */
export function freshEnvSettings(): Record<string, string> {
  return {
    ...FRESH_SETTINGS,
    APP_KEY: randomBytes(32).toString('base64url'),
    ENCRYPTION_KEYS: `v1:${randomBytes(32).toString('base64')}`,
  }
}
