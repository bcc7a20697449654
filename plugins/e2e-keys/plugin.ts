import vine from '@vinejs/vine'
import { definePlugin } from '#extensions/plugin'

/**
 * e2e-keys: end-to-end encrypted rooms and the key directory behind them
 * (DESIGN.md §5). Devices register public keys (`PUT /keys/devices/:id`),
 * every change is appended to a per-user hash-chained key log, encrypted
 * rooms take only ciphertext and per-device key envelopes, and membership
 * changes make the room key stale until a member rekeys. The server never
 * holds a private key or a room key in clear. One optional setting:
 * `E2E_MAX_DEVICES`, the active devices a user may have (default 10).
 */
export default definePlugin({
  id: 'e2e-keys',
  version: '1.0.0',
  requires: [],
  configSchema: vine.object({
    E2E_MAX_DEVICES: vine.number().withoutDecimals().min(1).max(100).optional(),
  }),
  provider: () => import('./provider.js'),
  migrations: 'plugins/e2e-keys/database/migrations',
})
