/*
 * Where an idle socket's memory goes: starts one Parley node with
 * --heapsnapshot-signal, warms it with 200 sockets like the connections
 * bench, takes a heap snapshot, opens 5,000 sockets, takes another, and
 * prints the RSS growth per socket and the heap growth per socket by
 * constructor. Run: node --import=@poppinss/ts-exec bench/profile/socket_heap.ts
 * (BENCH_DATABASE, BENCH_PORT as for npm run bench; SOCKET_HEAP_DIR for the snapshots).
 */
import { mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { closeAll, connectAll, Recorder, sleep } from '../lib/clients.js'
import { startProcess, BENCH_KEYS, PG } from '../lib/processes.js'
import { connect, ensureDatabase, seedWorld } from '../lib/seed.js'

const database = process.env.BENCH_DATABASE ?? 'parley_bench'
const port = Number(process.env.BENCH_PORT ?? 3600) + 5
const dir = process.env.SOCKET_HEAP_DIR ?? '/tmp/socket_heap'
mkdirSync(dir, { recursive: true })

async function snapshot(pid: number, before: Set<string>) {
  process.kill(pid, 'SIGUSR2')
  for (;;) {
    await sleep(1000)
    const fresh = readdirSync(dir).filter((f) => f.endsWith('.heapsnapshot') && !before.has(f))
    if (!fresh.length) continue
    const path = `${dir}/${fresh[0]}`
    const size = statSync(path).size
    await sleep(2000)
    if (statSync(path).size === size && size > 0) return path
  }
}

type Totals = Map<string, { count: number; bytes: number }>

function aggregate(path: string): Totals {
  const snap = JSON.parse(readFileSync(path, 'utf8'))
  const meta = snap.snapshot.meta
  const fields: string[] = meta.node_fields
  const types: string[] = meta.node_types[0]
  const width = fields.length
  const typeAt = fields.indexOf('type')
  const nameAt = fields.indexOf('name')
  const sizeAt = fields.indexOf('self_size')
  const nodes: number[] = snap.nodes
  const strings: string[] = snap.strings
  const totals: Totals = new Map()
  for (let i = 0; i < nodes.length; i += width) {
    const type = types[nodes[i + typeAt]]
    const key =
      type === 'object' || type === 'closure' ? `${type}:${strings[nodes[i + nameAt]]}` : type
    const entry = totals.get(key) ?? { count: 0, bytes: 0 }
    entry.count += 1
    entry.bytes += nodes[i + sizeAt]
    totals.set(key, entry)
  }
  return totals
}

const sockets = Number(process.env.SOCKET_HEAP_SOCKETS ?? 5000)
await ensureDatabase(database)
const pg = await connect(database)
const boot = await startProcess({
  name: 'parley',
  script: 'bin/start.ts',
  port,
  readyPath: '/health',
  env: parleyEnv(),
})
await boot.stop()
const world = await seedWorld(pg, { orgs: 50, usersPerOrg: sockets / 50, dms: false, group: true })
await pg.end()
const specs = world.users.map((u) => ({ userId: u.id, auth: { token: u.token } }))
const server = await startProcess({
  name: 'parley',
  script: 'bin/start.ts',
  port,
  readyPath: '/health',
  env: parleyEnv(),
  nodeArgs: ['--heapsnapshot-signal=SIGUSR2', `--diagnostic-dir=${dir}`],
})
try {
  const recorder = new Recorder()
  await closeAll(await connectAll(server.url, specs.slice(0, 200), recorder))
  await sleep(1000)
  const rssBefore = server.rssBytes()
  const a = await snapshot(server.pid, new Set(readdirSync(dir)))
  const open = await connectAll(server.url, specs, recorder, 100)
  await sleep(2000)
  const rssAfter = server.rssBytes()
  const b = await snapshot(server.pid, new Set(readdirSync(dir)))
  console.log(`RSS growth per socket: ${((rssAfter - rssBefore) / sockets / 1024).toFixed(2)} KiB`)
  await closeAll(open)
  const [before, after] = [aggregate(a), aggregate(b)]
  const rows = [...after].map(([key, value]) => {
    const old = before.get(key) ?? { count: 0, bytes: 0 }
    return { key, count: value.count - old.count, bytes: value.bytes - old.bytes }
  })
  rows.sort((x, y) => y.bytes - x.bytes)
  const total = rows.reduce((sum, row) => sum + row.bytes, 0)
  console.log(`heap growth per socket: ${(total / sockets / 1024).toFixed(2)} KiB`)
  for (const row of rows.slice(0, 45)) {
    console.log(
      `${(row.bytes / sockets).toFixed(0).padStart(7)} B/socket ${(row.count / sockets).toFixed(2).padStart(7)} objs/socket  ${row.key.slice(0, 90)}`
    )
  }
} finally {
  await server.stop()
}

function parleyEnv() {
  return {
    ...BENCH_KEYS,
    NODE_ENV: 'production',
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'error',
    DB_HOST: PG.host,
    DB_PORT: String(PG.port),
    DB_USER: PG.user,
    DB_PASSWORD: PG.password,
    DB_DATABASE: database,
    DATABASE_URL: undefined,
    REDIS_URL: undefined,
    PARLEY_PLUGINS: '',
  }
}
