import type { SocketConfig } from '#config/socket'
import presence from '#services/presence_service'
import typingState from '#realtime/typing_state'

let current: SocketConfig | undefined

/**
 * Applies the gateway's settings to the real-time services: the handlers,
 * the presence service and the typing state read them from here, so a test
 * can attach the gateway with its own limits.
 */
export function useSettings(config: SocketConfig) {
  current = config
  presence.configure(config.presence)
  typingState.configure(config.typing)
}

/** The settings the gateway was attached with. */
export function settings(): SocketConfig {
  if (!current) throw new Error('The Socket.IO gateway is not attached')
  return current
}
