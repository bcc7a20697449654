import { createServer, connect, type Socket } from 'node:net'
import { freePort } from '#tests/helpers/processes'

/**
 * A TCP load balancer in front of several nodes, as in production: the test
 * decides which node new connections go to, and can cut every open
 * connection as a network failure would. Clients only ever see its URL.
 */
export interface Balancer {
  url: string
  /** New connections go to this port from now on. */
  routeTo(port: number): void
  /** Destroys every open connection, both sides. */
  dropAll(): void
  close(): Promise<void>
}

/** Starts a balancer routing to `port` first. */
export async function startBalancer(port: number): Promise<Balancer> {
  let target = port
  const pairs = new Set<[Socket, Socket]>()
  const server = createServer((downstream) => {
    const upstream = connect(target, '127.0.0.1')
    const pair: [Socket, Socket] = [downstream, upstream]
    pairs.add(pair)
    const close = () => {
      pairs.delete(pair)
      downstream.destroy()
      upstream.destroy()
    }
    for (const side of pair) side.on('error', close).on('close', close)
    downstream.pipe(upstream).pipe(downstream)
  })
  const own = await freePort()
  await new Promise<void>((resolve) => server.listen(own, '127.0.0.1', resolve))
  const dropAll = () => {
    for (const [downstream, upstream] of [...pairs]) {
      downstream.destroy()
      upstream.destroy()
    }
    pairs.clear()
  }
  return {
    url: `http://127.0.0.1:${own}`,
    routeTo: (next) => (target = next),
    dropAll,
    async close() {
      dropAll()
      await new Promise((resolve) => server.close(resolve))
    },
  }
}

/**
 * A round-robin TCP balancer over several nodes: each new connection goes to
 * the next node, and to the one after when a node refuses it (as nginx's
 * `proxy_next_upstream error` does), so clients of a node that stopped
 * listening land on the others.
 */
export async function startRoundRobin(ports: number[]): Promise<Balancer> {
  let next = 0
  const pairs = new Set<[Socket, Socket]>()
  const open = (downstream: Socket, attempt: number) => {
    if (attempt >= ports.length || downstream.destroyed) return downstream.destroy()
    const port = ports[next++ % ports.length]
    const upstream = connect(port, '127.0.0.1')
    let connected = false
    upstream.once('error', () => {
      if (!connected) open(downstream, attempt + 1)
    })
    upstream.once('connect', () => {
      connected = true
      const pair: [Socket, Socket] = [downstream, upstream]
      pairs.add(pair)
      const close = () => {
        pairs.delete(pair)
        downstream.destroy()
        upstream.destroy()
      }
      for (const side of pair) side.on('error', close).on('close', close)
      downstream.pipe(upstream).pipe(downstream)
      downstream.resume()
    })
  }
  const server = createServer({ pauseOnConnect: true }, (downstream) => {
    downstream.on('error', () => downstream.destroy())
    open(downstream, 0)
  })
  const own = await freePort()
  await new Promise<void>((resolve) => server.listen(own, '127.0.0.1', resolve))
  const dropAll = () => {
    for (const [downstream, upstream] of [...pairs]) {
      downstream.destroy()
      upstream.destroy()
    }
    pairs.clear()
  }
  return {
    url: `http://127.0.0.1:${own}`,
    routeTo: (port) => (next = Math.max(0, ports.indexOf(port))),
    dropAll,
    async close() {
      dropAll()
      await new Promise((resolve) => server.close(resolve))
    },
  }
}
