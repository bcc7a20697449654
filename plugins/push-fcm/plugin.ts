import vine from '@vinejs/vine'
import { definePlugin } from '#extensions/plugin'

/**
 * push-fcm: push notifications to phones and browsers through Firebase
 * Cloud Messaging. Devices register their FCM token (`POST /devices`); new
 * notifications of offline members and mentions are pushed through a job
 * queue with retries. Credentials: a service account, as a file path
 * (`FCM_SERVICE_ACCOUNT_FILE`) or inline JSON (`FCM_SERVICE_ACCOUNT_JSON`).
 */
export default definePlugin({
  id: 'push-fcm',
  version: '1.0.0',
  requires: [],
  configSchema: vine.object({
    FCM_PROJECT_ID: vine
      .string()
      .trim()
      .regex(/^[a-z0-9-]{3,63}$/),
    FCM_SERVICE_ACCOUNT_FILE: vine
      .string()
      .trim()
      .optional()
      .requiredIfMissing('FCM_SERVICE_ACCOUNT_JSON'),
    FCM_SERVICE_ACCOUNT_JSON: vine.string().trim().optional(),
    FCM_CONNECT_TO: vine
      .string()
      .trim()
      .regex(/^[^:\s]+:\d{1,5}$/)
      .optional(),
    FCM_CA_FILE: vine.string().trim().optional(),
    FCM_RETRY_LIMIT: vine.number().withoutDecimals().min(0).max(20).optional(),
    FCM_RETRY_DELAY_SECONDS: vine.number().withoutDecimals().min(1).max(3600).optional(),
    FCM_BATCH_SIZE: vine.number().withoutDecimals().min(1).max(500).optional(),
  }),
  provider: () => import('./provider.js'),
  migrations: 'plugins/push-fcm/database/migrations',
})
