import type { ServerOptions } from 'socket.io'
import { createAdapter } from '@socket.io/redis-streams-adapter'
import type { SocketConfig } from '#config/socket'
import { closeRedisClient, createRedisClient, type ParleyRedis } from '#services/redis'
import { RedisPresenceStore } from '#services/redis_presence_store'
import { RedisTypingStore } from '#realtime/redis_typing_store'
import { RedisConnectionStore } from '#realtime/connection_cap'

/**
 * What a node needs to share real-time state with the others over Redis
 * (DESIGN.md §6, many nodes): the Socket.IO Redis Streams adapter (every
 * broadcast reaches the sockets of every node), the presence and typing stores, and
 * the count of each user's sockets (the per-user cap).
 */
export interface Cluster {
  adapter: NonNullable<ServerOptions['adapter']>
  presence: RedisPresenceStore
  typing: RedisTypingStore
  connections: RedisConnectionStore
  close(): Promise<void>
}

/**
 * Opens the node's Redis clients for the gateway. The adapter publishes on a
 * fail-fast client (a broadcast that cannot reach Redis still reaches this
 * node's sockets; the others catch up with `sync`) and reads its stream on
 * copies that wait for Redis to come back (ParleyRedis.duplicate), so a
 * restart is survived without a restart of Parley.
 */
export function openCluster(config: SocketConfig, url?: string): Cluster {
  const publisher: ParleyRedis = createRedisClient('socket.io', url)
  const state: ParleyRedis = createRedisClient('realtime-state', url)
  const adapter = createAdapter(publisher, {
    streamName: 'parley:socket.io',
    sessionKeyPrefix: 'parley:sio:session:',
    maxLen: config.cluster.streamMaxLen,
  })
  const presence = new RedisPresenceStore(state, { leaseMs: config.cluster.presenceLeaseMs })
  const connections = new RedisConnectionStore(state, { leaseMs: config.cluster.presenceLeaseMs })
  return {
    adapter,
    presence,
    typing: new RedisTypingStore(state),
    connections,
    async close() {
      await presence.clear().catch(() => {})
      await connections.clear().catch(() => {})
      await Promise.all([closeRedisClient(publisher), closeRedisClient(state)])
    },
  }
}
