/*
|--------------------------------------------------------------------------
| Bench: export memory
|--------------------------------------------------------------------------
|
| Shows that an organization export streams with bounded memory: an
| organization of 10,000 and of 100,000 messages (bulk-inserted in SQL, each
| body sealed under its room's key exactly as the message store seals it,
| so the export decrypts every one) plus 20 files of 1 MB, exported by the
| same code as the job (RunExport) in a fresh process per size. The export
| process samples its RSS every 5 ms and reports the peak against its own
| baseline (the same process, booted and idle, after a GC); maxRSS is the
| kernel's high-water mark of that process (boot included). After every
| 10,000 items it forces a full GC and records the heap that survived it:
| what the export really keeps alive (`live heap`), which must not grow with
| the size. Seeding runs in another process so that its memory does not
| count. Figures of a run: docs/exports.md, "Large organizations".
|
|   node --import=@poppinss/ts-exec bench/export_memory.ts [sizes…] [--heap-cap=MiB]
|
| Needs PostgreSQL (BENCH_DB_* as the other benches); uses its own database
| `parley_bench_export`; its files go under storage/media/bench (removed
| after the run) and the archives are deleted once measured. Prints figures,
| asserts nothing: no thresholds (DESIGN §12).
|
*/
import { spawn } from 'node:child_process'
import { createHash, randomBytes } from 'node:crypto'
import { rm } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { BENCH_KEYS, PG } from './lib/processes.js'
import { ensureDatabase } from './lib/seed.js'

const DATABASE = 'parley_bench_export'
const ROOMS = 10
const FILES = 20
const FILE_BYTES = 1 << 20
/** `--heap-cap=<MiB>`: the export process runs with this V8 old-space limit (it would die holding the archive). */
const HEAP_CAP = process.argv.find((arg) => arg.startsWith('--heap-cap='))?.split('=')[1]
const SIZES = process.argv
  .slice(2)
  .filter((arg) => /^\d+$/.test(arg))
  .map(Number)

/** What the export process reports. */
interface Figures {
  messages: number
  files: number
  archiveBytes: number
  seconds: number
  baselineRss: number
  baselineHeapUsed: number
  peakRss: number
  peakHeapUsed: number
  peakExternal: number
  /** The largest heap left after a forced full GC during the export: what it really keeps. */
  peakLiveHeap: number
  maxRss: number
}

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`

/** Boots Parley (console environment, no HTTP server) on the bench database. */
async function boot() {
  await import('reflect-metadata')
  const { Ignitor } = await import('@adonisjs/core')
  const root = new URL('../', import.meta.url)
  const importer = (filePath: string) =>
    filePath.startsWith('./') || filePath.startsWith('../')
      ? import(new URL(filePath, root).href)
      : import(filePath)
  const app = new Ignitor(root, { importer })
    .tap((application) => application.booting(async () => void (await import('#start/env'))))
    .createApp('console')
  await app.init()
  await app.boot()
  return app
}

/**
 * Seeds one organization: an owner, ROOMS group rooms made by the real
 * action (each gets its data key), `count` messages spread over them with
 * distinct bodies sealed under the room key, and FILES stored files.
 */
async function seed(count: number) {
  const app = await boot()
  const { default: db } = await import('@adonisjs/lucid/services/db')
  const { MigrationRunner } = await import('@adonisjs/lucid/migration')
  const migrator = new MigrationRunner(db, app, { direction: 'up' })
  await migrator.run()
  if (migrator.error) throw migrator.error
  await db.rawQuery('TRUNCATE organizations, users, auth_access_tokens CASCADE')
  const { default: User } = await import('#models/user')
  const { default: Organization } = await import('#models/organization')
  const { default: Membership } = await import('#models/membership')
  const { actorFor } = await import('#services/org_context')
  const { default: CreateGroupRoom } = await import('#actions/rooms/create_group_room')
  const { default: MessageCipher } = await import('#services/message_cipher')
  const { mediaDisk, mediaDiskName } = await import('#services/media_storage')

  const user = await User.create({
    email: 'owner@bench.test',
    username: 'owner',
    password: 'not-used-by-the-bench',
  })
  const org = await Organization.create({ name: 'Bench', slug: 'bench' })
  await Membership.create({ organizationId: org.id, userId: user.id, role: 'owner' })
  const actor = await actorFor(user, org.id)
  for (let r = 0; r < ROOMS; r++) {
    const { room } = await CreateGroupRoom.handle(actor, { name: `room-${r}`, memberIds: [] })
    const { id: keyId, key } = await MessageCipher.currentKey(db.connection(), room.id, false)
    const perRoom = Math.ceil(count / ROOMS)
    for (let start = 0; start < perRoom; start += 5000) {
      const rows = Math.min(5000, perRoom - start)
      const seqs = Array.from({ length: rows }, (_, i) => start + i + 1)
      const bodies = seqs.map(
        (seq) => `message ${seq} of ${room.name}: ${'lorem ipsum '.repeat(8)}`
      )
      await db.rawQuery(
        `INSERT INTO messages (id, organization_id, room_id, sender_id, seq, version_seq, body_hash,
           body_ciphertext, body_key_id, created_at)
         SELECT gen_random_uuid(), ?, ?, ?, s, s, h, c, ?, now()
         FROM unnest(?::bigint[], ?::text[], ?::text[]) AS t(s, h, c)`,
        [
          org.id,
          room.id,
          user.id,
          keyId,
          seqs,
          bodies.map((body) => createHash('sha256').update(body).digest('hex')),
          bodies.map((body) => MessageCipher.sealBody(keyId, key, body)),
        ]
      )
    }
    await db.from('rooms').where('id', room.id).update({ last_seq: perRoom, change_seq: perRoom })
  }
  const anyMessage = await db.from('messages').where('organization_id', org.id).first()
  for (let f = 0; f < FILES; f++) {
    const bytes = randomBytes(FILE_BYTES)
    const key = `bench/${org.id}/${f}.bin`
    await mediaDisk().put(key, bytes)
    await db.table('media_assets').insert({
      id: crypto.randomUUID(),
      organization_id: org.id,
      message_id: anyMessage.id,
      room_id: anyMessage.room_id,
      uploader_id: user.id,
      disk: mediaDiskName(),
      key,
      original_name: `file-${f}.bin`,
      mime: 'application/octet-stream',
      size: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      created_at: new Date(),
    })
  }
  await db.rawQuery('ANALYZE')
  await app.terminate()
}

/** Exports the seeded organization in this process, sampling its memory. */
async function exportOnce(): Promise<Figures> {
  const app = await boot()
  const { default: db } = await import('@adonisjs/lucid/services/db')
  const { default: User } = await import('#models/user')
  const { actorFor } = await import('#services/org_context')
  const { default: CreateExport } = await import('#actions/exports/create_export')
  const { default: RunExport } = await import('#actions/exports/run_export')
  const org = await db.from('organizations').where('slug', 'bench').firstOrFail()
  const user = await User.findByOrFail('email', 'owner@bench.test')
  const actor = await actorFor(user, org.id)
  await db.from('data_exports').delete()
  for (let i = 0; i < 3; i++) globalThis.gc?.()
  await new Promise((resolve) => setTimeout(resolve, 200))
  const baselineRss = process.memoryUsage().rss
  const baselineHeapUsed = process.memoryUsage().heapUsed
  let peakRss = baselineRss
  let peakHeapUsed = 0
  let peakExternal = 0
  let peakLiveHeap = 0
  let lastGc = 0
  const sample = () => {
    const usage = process.memoryUsage()
    peakRss = Math.max(peakRss, usage.rss)
    peakHeapUsed = Math.max(peakHeapUsed, usage.heapUsed)
    peakExternal = Math.max(peakExternal, usage.external)
  }
  /** After each 10,000 items: a forced full GC, then what survived it. */
  const progress = (done: number) => {
    sample()
    if (done - lastGc < 10_000 || !globalThis.gc) return
    lastGc = done
    globalThis.gc()
    peakLiveHeap = Math.max(peakLiveHeap, process.memoryUsage().heapUsed)
  }
  const sampler = setInterval(sample, 5)
  const started = performance.now()
  const created = await CreateExport.organization(actor, { inline: true })
  const row = await RunExport.handle(created.id, progress)
  const seconds = (performance.now() - started) / 1000
  clearInterval(sampler)
  sample()
  if (row?.status !== 'ready') throw new Error(`export ${row?.status}: ${row?.error}`)
  const messages = await db.from('messages').where('organization_id', org.id).count('* as n')
  const figures = {
    messages: Number(messages[0].n),
    files: FILES,
    archiveBytes: Number(row.size),
    seconds,
    baselineRss,
    baselineHeapUsed,
    peakRss,
    peakHeapUsed,
    peakExternal,
    peakLiveHeap,
    maxRss: process.resourceUsage().maxRSS * 1024,
  }
  const { mediaDisk } = await import('#services/media_storage')
  await mediaDisk().delete(row.file_key!)
  await app.terminate()
  return figures
}

/** Runs this script in a fresh Node process for one step. */
function child(step: 'seed' | 'export', size: number) {
  return new Promise<string>((resolve, reject) => {
    const proc = spawn(
      process.execPath,
      [
        '--import=@poppinss/ts-exec',
        '--expose-gc',
        ...(step === 'export' && HEAP_CAP ? [`--max-old-space-size=${HEAP_CAP}`] : []),
        fileURLToPath(import.meta.url),
        step,
        String(size),
      ],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
        env: {
          ...process.env,
          ...BENCH_KEYS,
          NODE_ENV: 'production',
          LOG_LEVEL: 'error',
          HOST: '127.0.0.1',
          PORT: '0',
          DB_HOST: PG.host,
          DB_PORT: String(PG.port),
          DB_USER: PG.user,
          DB_PASSWORD: PG.password,
          DB_DATABASE: DATABASE,
          PARLEY_PLUGINS: '',
        },
      }
    )
    let out = ''
    proc.stdout!.on('data', (chunk) => (out += chunk))
    proc.once('error', reject)
    proc.once('close', (code) =>
      code === 0 ? resolve(out) : reject(new Error(`${step} exited ${code}`))
    )
  })
}

async function main() {
  const [step, size] = process.argv.slice(2)
  if (step === 'seed') return seed(Number(size))
  if (step === 'export') return console.log(JSON.stringify(await exportOnce()))
  await ensureDatabase(DATABASE)
  const rows: Figures[] = []
  try {
    for (const count of SIZES.length ? SIZES : [10_000, 100_000]) {
      await child('seed', count)
      const out = await child('export', count)
      rows.push(JSON.parse(out.trim().split('\n').at(-1)!))
    }
  } finally {
    await rm(new URL('../storage/media/bench', import.meta.url), { recursive: true, force: true })
  }
  const cap = HEAP_CAP ? `; V8 old space capped at ${HEAP_CAP} MiB` : ''
  console.log(`export memory (one organization, 10 rooms, 20 files of 1 MiB${cap}; same process)`)
  const columns: [string, (r: Figures) => string][] = [
    ['messages', (r) => String(r.messages)],
    ['archive', (r) => mib(r.archiveBytes)],
    ['seconds', (r) => r.seconds.toFixed(1)],
    ['baseline RSS', (r) => mib(r.baselineRss)],
    ['peak RSS', (r) => mib(r.peakRss)],
    ['peak − baseline', (r) => mib(r.peakRss - r.baselineRss)],
    ['heap before', (r) => mib(r.baselineHeapUsed)],
    ['peak heap', (r) => mib(r.peakHeapUsed)],
    ['live heap (GC)', (r) => mib(r.peakLiveHeap)],
    ['peak external', (r) => mib(r.peakExternal)],
    ['maxRSS', (r) => mib(r.maxRss)],
  ]
  const width = (index: number) =>
    Math.max(columns[index][0].length, ...rows.map((r) => columns[index][1](r).length))
  console.log(columns.map(([title], i) => title.padStart(width(i))).join(' | '))
  for (const r of rows)
    console.log(columns.map(([, value], i) => value(r).padStart(width(i))).join(' | '))
}

await main()
