import env from '#start/env'
import type { AddressAllowance } from '#services/safe_address'

/**
 * How outgoing webhook deliveries and slash command calls are sent, read
 * once from the environment (start/env.ts). `allowAddress` is the test-only
 * allowance of the SSRF rules (a local endpoint on 127.0.0.1): only test
 * code assigns it; no setting or environment variable reaches it.
 */
export const outbound: {
  retryLimit: number
  retryDelaySeconds: number
  disableAfter: number
  timeoutMs: number
  maxAnswerBytes: number
  allowAddress?: AddressAllowance
} = {
  retryLimit: env.get('WEBHOOK_RETRY_LIMIT', 5),
  retryDelaySeconds: env.get('WEBHOOK_RETRY_DELAY_SECONDS', 10),
  disableAfter: env.get('WEBHOOK_DISABLE_AFTER', 15),
  timeoutMs: env.get('WEBHOOK_TIMEOUT_MS', 5000),
  maxAnswerBytes: 64 * 1024,
}
