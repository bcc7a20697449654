import net from 'node:net'

/**
 * A loopback TCP proxy that counts what a client asks of its server, read off
 * the wire: PostgreSQL statements (each simple `Query` and each extended
 * `Execute` message) or Redis commands (each top-level RESP array). The bench
 * puts it between a Parley node and PostgreSQL or Redis to measure statements
 * per page and commands per send from outside, whatever the code believes it
 * does. Counting only: bytes pass through unchanged.
 */
export interface WireCounter {
  port: number
  /** Statements (PostgreSQL) or commands (Redis) seen so far, by name. */
  counts(): { total: number; byName: Record<string, number> }
  reset(): void
  close(): Promise<void>
}

type Parser = (chunk: Buffer, count: (name: string) => void) => void

/** A statement's name in the counts: its first words, enough to tell statements apart. */
function summary(text: string) {
  return text.replace(/\s+/g, ' ').trim().slice(0, 70)
}

/**
 * PostgreSQL frontend messages: an untyped startup packet (after an optional
 * untyped SSLRequest/GSSENCRequest), then `type byte + int32 length + body`.
 */
function postgresParser(): Parser {
  let buffer = Buffer.alloc(0)
  let startup = true
  let parsed = ''
  const prepared = new Map<string, string>()
  return (chunk, count) => {
    buffer = Buffer.concat([buffer, chunk])
    for (;;) {
      if (startup) {
        if (buffer.length < 8) return
        const length = buffer.readInt32BE(0)
        if (buffer.length < length) return
        const code = buffer.readInt32BE(4)
        buffer = buffer.subarray(length)
        if (code !== 80877103 && code !== 80877104) startup = false
        continue
      }
      if (buffer.length < 5) return
      const length = buffer.readInt32BE(1)
      if (buffer.length < length + 1) return
      const type = String.fromCharCode(buffer[0])
      if (type === 'Q') {
        const text = buffer.subarray(5, length).toString('utf8').trim()
        count(text.split(/\s+/)[0].toUpperCase())
      } else if (type === 'P') {
        const body = buffer.subarray(5, length + 1)
        const name = body.subarray(0, body.indexOf(0)).toString('utf8')
        const text = body.subarray(body.indexOf(0) + 1)
        parsed = text.subarray(0, text.indexOf(0)).toString('utf8')
        if (name) prepared.set(name, parsed)
      } else if (type === 'B') {
        // A named statement prepared earlier on this connection is bound without its text.
        const body = buffer.subarray(5, length + 1)
        const rest = body.subarray(body.indexOf(0) + 1)
        const name = rest.subarray(0, rest.indexOf(0)).toString('utf8')
        if (name) parsed = prepared.get(name) ?? parsed
      } else if (type === 'E') {
        count(summary(parsed))
      }
      buffer = buffer.subarray(length + 1)
    }
  }
}

/** Redis client requests: RESP arrays of bulk strings (`*n`, then `$len` + bytes per part). */
function redisParser(): Parser {
  let buffer = Buffer.alloc(0)
  return (chunk, count) => {
    buffer = Buffer.concat([buffer, chunk])
    for (;;) {
      if (!buffer.length) return
      if (buffer[0] !== 0x2a) {
        const end = buffer.indexOf('\r\n')
        if (end < 0) return
        count(buffer.subarray(0, end).toString().split(' ')[0].toUpperCase())
        buffer = buffer.subarray(end + 2)
        continue
      }
      let offset = buffer.indexOf('\r\n')
      if (offset < 0) return
      const parts = Number(buffer.subarray(1, offset).toString())
      offset += 2
      let name = ''
      for (let i = 0; i < parts; i++) {
        const end = buffer.indexOf('\r\n', offset)
        if (end < 0) return
        const size = Number(buffer.subarray(offset + 1, end).toString())
        if (buffer.length < end + 2 + size + 2) return
        if (i === 0)
          name = buffer
            .subarray(end + 2, end + 2 + size)
            .toString()
            .toUpperCase()
        offset = end + 2 + size + 2
      }
      count(name)
      buffer = buffer.subarray(offset)
    }
  }
}

/** Starts a counting proxy on an ephemeral loopback port in front of `target`. */
export async function startWireCounter(options: {
  kind: 'postgres' | 'redis'
  targetHost: string
  targetPort: number
}): Promise<WireCounter> {
  let byName: Record<string, number> = {}
  let total = 0
  const count = (name: string) => {
    total += 1
    byName[name] = (byName[name] ?? 0) + 1
  }
  const sockets = new Set<net.Socket>()
  const server = net.createServer((client) => {
    const parse = options.kind === 'postgres' ? postgresParser() : redisParser()
    const upstream = net.connect(options.targetPort, options.targetHost)
    sockets.add(client).add(upstream)
    client.on('data', (chunk) => {
      parse(chunk, count)
      upstream.write(chunk)
    })
    upstream.on('data', (chunk) => client.write(chunk))
    const close = () => {
      client.destroy()
      upstream.destroy()
      sockets.delete(client)
      sockets.delete(upstream)
    }
    client.on('close', close).on('error', close)
    upstream.on('close', close).on('error', close)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as net.AddressInfo).port
  return {
    port,
    counts: () => ({ total, byName: { ...byName } }),
    reset() {
      total = 0
      byName = {}
    },
    close: () =>
      new Promise<void>((resolve) => {
        sockets.forEach((socket) => socket.destroy())
        server.close(() => resolve())
      }),
  }
}
