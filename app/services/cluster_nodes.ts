import { randomUUID } from 'node:crypto'
import { hostname } from 'node:os'
import db from '@adonisjs/lucid/services/db'
import logger from '@adonisjs/core/services/logger'
import env from '#start/env'
import { keyring, missingVersionsMet, onKeyringReload, setSharedVersion } from '#services/keyring'
import { AppException } from '#exceptions/app_exception'

/** Default heartbeat period (NODE_HEARTBEAT_MS). */
export const DEFAULT_HEARTBEAT_MS = 5000

/** A node stays live for this many periods after its last heartbeat. */
const LIVE_PERIODS = 3

/** One live node, as `key verify`, `key rotate` and the tests see it. Never key material. */
export interface ClusterNode {
  id: string
  hostname: string
  pid: number
  keyVersions: number[]
  currentVersion: number
  fingerprint: string
  versionFingerprints: Record<string, string>
  missingVersions: number[]
  startedAt: string
  lastSeenAt: string
}

/**
 * Master key versions that room keys use but the process keyring lacks:
 * those met while opening room keys, plus those found in `room_keys`. The
 * distinct versions are read with a loose index scan on
 * `room_keys.master_version`, a few index probes however many rooms exist.
 */
export async function missingKeyVersions(): Promise<number[]> {
  const ring = keyring()
  const missing = new Set(missingVersionsMet())
  const { rows } = await db.rawQuery(
    `WITH RECURSIVE v(m) AS (
       SELECT min(master_version) FROM room_keys WHERE wrapped_key IS NOT NULL
       UNION ALL
       SELECT (SELECT min(master_version) FROM room_keys
               WHERE master_version > v.m AND wrapped_key IS NOT NULL)
       FROM v WHERE v.m IS NOT NULL
     ) SELECT m FROM v WHERE m IS NOT NULL`
  )
  for (const { m } of rows as { m: number }[]) if (!ring.has(m)) missing.add(m)
  return [...missing].sort((a, b) => a - b)
}

/**
 * `key rotate` would move room keys to a master version that a live node
 * does not hold (or holds with different key bytes): that node could no
 * longer open them. 409 naming the nodes and the fix; chatctl exits 6.
 */
export class KeyringNotDeployedError extends AppException {
  constructor(version: number, nodes: string[]) {
    super(
      `Rotation refused: ${nodes.length} live node(s) do not hold master key v${version}: ${nodes.join('; ')}. ` +
        'Restart every node with the new ENCRYPTION_KEYS (the value "chatctl key rotate --generate" wrote), ' +
        'then run "chatctl key rotate" again ("chatctl key verify" lists the nodes).',
      { status: 409, code: 'E_KEYRING_NOT_DEPLOYED' }
    )
  }
}

/**
 * Refuses to rotate unless every live node holds this process's current
 * master version with the same key (same fingerprint). Nodes that are
 * down are not counted: when they come back with an old keyring they say
 * so in `/health` and answer E_KEYRING_STALE.
 */
export async function assertKeyringDeployed() {
  const ring = keyring()
  const version = ring.currentVersion
  const expected = ring.versionFingerprints()[String(version)]
  const nodes = await liveNodes()
  const lacking = nodes
    .filter((node) => node.versionFingerprints[String(version)] !== expected)
    .map((node) => {
      const held = node.keyVersions.map((v) => `v${v}`).join(',')
      const why = node.keyVersions.includes(version) ? `a different v${version}` : held
      return `${node.hostname} pid ${node.pid} (holds ${why})`
    })
  if (lacking.length) throw new KeyringNotDeployedError(version, lacking)
}

/**
 * The newest master version that every live node (this one included) holds
 * with the same key bytes as this process, or null when there is none.
 */
async function sharedVersion() {
  const ring = keyring()
  const mine = ring.versionFingerprints()
  const { rows } = await db.rawQuery(
    'SELECT version_fingerprints FROM parley_nodes WHERE expires_at > clock_timestamp()'
  )
  const shared = ring.versions.filter((version) =>
    rows.every(
      (row: { version_fingerprints: Record<string, string> }) =>
        row.version_fingerprints[String(version)] === mine[String(version)]
    )
  )
  return shared.length ? Math.max(...shared) : null
}

/** The nodes whose heartbeat has not expired, oldest first (the database clock decides). */
export async function liveNodes(): Promise<ClusterNode[]> {
  const { rows } = await db.rawQuery(
    `SELECT * FROM parley_nodes WHERE expires_at > clock_timestamp() ORDER BY started_at, id`
  )
  return rows.map((row: Record<string, any>) => ({
    id: row.id,
    hostname: row.hostname,
    pid: row.pid,
    keyVersions: row.key_versions,
    currentVersion: row.current_version,
    fingerprint: row.keyring_fingerprint,
    versionFingerprints: row.version_fingerprints,
    missingVersions: row.missing_versions,
    startedAt: new Date(row.started_at).toISOString(),
    lastSeenAt: new Date(row.last_seen_at).toISOString(),
  }))
}

/**
 * This server node's heartbeat (DESIGN.md §5, rotation across nodes): a row
 * in `parley_nodes` with the master key versions it holds and their
 * fingerprints, refreshed every NODE_HEARTBEAT_MS, deleted on a clean stop.
 * It lives in PostgreSQL, which every deployment has, so it works with and
 * without Redis. Each beat also reads the other nodes' versions: new room
 * keys are wrapped under the newest version all of them hold (wrapVersion). A failed beat is logged and retried on the next period; a
 * crashed node simply expires.
 */
export class NodeHeartbeat {
  /** This process's node id (new on every start). */
  readonly id = randomUUID()
  #timer?: NodeJS.Timeout
  #startedAt = new Date()
  #running = false

  constructor() {
    onKeyringReload(() => {
      if (this.#running) void this.beat()
    })
  }

  /** The heartbeat period in milliseconds. */
  get intervalMs() {
    return env.get('NODE_HEARTBEAT_MS') ?? DEFAULT_HEARTBEAT_MS
  }

  get running() {
    return this.#running
  }

  /** Publishes the first beat (awaited), then one every period. */
  async start() {
    if (this.#running) return
    this.#running = true
    this.#startedAt = new Date()
    await this.beat()
    this.#timer = setInterval(() => void this.beat(), this.intervalMs)
    this.#timer.unref()
  }

  /** Writes this node's row now; errors are logged, never thrown. */
  async beat() {
    try {
      const ring = keyring()
      const missing = await missingKeyVersions()
      const ttl = this.intervalMs * LIVE_PERIODS
      await db.rawQuery(
        `INSERT INTO parley_nodes (id, hostname, pid, key_versions, current_version,
           keyring_fingerprint, version_fingerprints, missing_versions, started_at, last_seen_at, expires_at)
         VALUES (?, ?, ?, ?::int[], ?, ?, ?::jsonb, ?::int[], ?, clock_timestamp(),
           clock_timestamp() + make_interval(secs => ?::double precision))
         ON CONFLICT (id) DO UPDATE SET key_versions = EXCLUDED.key_versions,
           current_version = EXCLUDED.current_version, keyring_fingerprint = EXCLUDED.keyring_fingerprint,
           version_fingerprints = EXCLUDED.version_fingerprints,
           missing_versions = EXCLUDED.missing_versions,
           last_seen_at = EXCLUDED.last_seen_at, expires_at = EXCLUDED.expires_at`,
        [
          this.id,
          hostname(),
          process.pid,
          ring.versions,
          ring.currentVersion,
          ring.fingerprint,
          JSON.stringify(ring.versionFingerprints()),
          missing,
          this.#startedAt,
          ttl / 1000,
        ]
      )
      setSharedVersion(await sharedVersion())
    } catch (error) {
      logger.warn({ err: error }, 'node heartbeat failed; retrying on the next period')
    }
  }

  /** Stops beating and removes this node's row (a clean shutdown). */
  async stop() {
    if (!this.#running) return
    this.#running = false
    clearInterval(this.#timer)
    setSharedVersion(null)
    await db
      .from('parley_nodes')
      .where('id', this.id)
      .delete()
      .catch((error) => logger.warn({ err: error }, 'could not remove this node’s heartbeat'))
  }
}

/** The heartbeat of this process (started by AppProvider on server nodes). */
export const nodeHeartbeat = new NodeHeartbeat()
