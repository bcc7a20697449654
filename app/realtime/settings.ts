import type { SocketConfig } from '#config/socket'
import presence from '#services/presence_service'
import typingState, { MemoryTypingStore } from '#realtime/typing_state'
import { MemoryPresenceStore } from '#services/presence_service'
import type { Cluster } from '#realtime/cluster'
import connectionCap, { MemoryConnectionStore } from '#realtime/connection_cap'

let current: SocketConfig | undefined

/**
 * Applies the gateway's settings to the real-time services: the handlers,
 * the presence service and the typing state read them from here, so a test
 * can attach the gateway with its own limits. Presence, typing state and the
 * count of each user's sockets live in Redis when the node is part of a
 * cluster, in memory otherwise.
 */
export function useSettings(
  config: SocketConfig,
  cluster?: Pick<Cluster, 'presence' | 'typing' | 'connections'>
) {
  current = config
  connectionCap.configure(
    config.limits.maxSocketsPerUser,
    cluster?.connections ?? new MemoryConnectionStore()
  )
  presence.configure(config.presence, cluster?.presence ?? new MemoryPresenceStore())
  typingState.configure(config.typing, cluster?.typing ?? new MemoryTypingStore())
}

/** The settings the gateway was attached with. */
export function settings(): SocketConfig {
  if (!current) throw new Error('The Socket.IO gateway is not attached')
  return current
}
