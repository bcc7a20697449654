import { spawn, type ChildProcess } from 'node:child_process'
import { connect as tcpConnect } from 'node:net'
import type pg from 'pg'
import { sleep } from '../lib/clients.js'
import { REDIS_PORT } from './settings.js'

/** A fault of the run, when it was in effect, and what proved it took effect. */
export interface FaultRecord {
  name: string
  from: number
  to: number
  /** What was observed; empty when the fault was seen to happen and to end. */
  problems: string[]
  evidence: string
}

/** Whether something accepts TCP connections on the port. */
export function listening(port: number) {
  return new Promise<boolean>((resolve) => {
    const socket = tcpConnect({ port, host: '127.0.0.1' })
    socket.once('connect', () => {
      socket.destroy()
      resolve(true)
    })
    socket.once('error', () => resolve(false))
  })
}

/** Polls `check` every 100 ms until it holds or `ms` passed; whether it held. */
export async function within(ms: number, check: () => Promise<boolean>) {
  const deadline = Date.now() + ms
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return true
    await sleep(100)
  }
  return false
}

/** The status of a node's /health, or 0 when nothing answers. */
export async function healthOf(url: string) {
  try {
    const response = await fetch(`${url}/health`, { signal: AbortSignal.timeout(5000) })
    await response.arrayBuffer()
    return response.status
  } catch {
    return 0
  }
}

/** The harness's own redis-server (no persistence: a restart loses everything in it). */
export async function startRedis(): Promise<ChildProcess> {
  const child = spawn(
    'redis-server',
    ['--port', String(REDIS_PORT), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore' }
  )
  if (!(await within(5000, () => listening(REDIS_PORT))))
    throw new Error(`redis-server did not listen on ${REDIS_PORT}`)
  return child
}

/**
 * Kills the harness's Redis (-9) and starts a new, empty one. Proof: the
 * port stops answering, every node's /health turns 503 while it is away and
 * 200 again after.
 */
export async function bounceRedis(redis: ChildProcess, nodeUrls: string[]) {
  const from = Date.now()
  const problems: string[] = []
  redis.kill('SIGKILL')
  if (!(await within(5000, async () => !(await listening(REDIS_PORT)))))
    problems.push('redis still listening after kill -9')
  for (const url of nodeUrls) {
    if (!(await within(10_000, async () => (await healthOf(url)) === 503)))
      problems.push(`${url} never reported Redis down`)
  }
  await sleep(1000)
  const next = await startRedis()
  for (const url of nodeUrls) {
    if (!(await within(20_000, async () => (await healthOf(url)) === 200)))
      problems.push(`${url} not healthy after Redis came back`)
  }
  const record: FaultRecord = {
    name: 'redis down and back',
    from,
    to: Date.now(),
    problems,
    evidence: `pid ${redis.pid} killed, pid ${next.pid} started; nodes 503 then 200`,
  }
  return { redis: next, record }
}

/**
 * Terminates every PostgreSQL backend of the load database but the
 * harness's own. Proof: at least one per node was terminated, and the nodes
 * open new ones afterwards.
 */
export async function terminateBackends(client: pg.Client, database: string, nodes: number) {
  const from = Date.now()
  const cut = await client.query(
    `SELECT pid, pg_terminate_backend(pid) AS done FROM pg_stat_activity
     WHERE datname = $1 AND pid <> pg_backend_pid()`,
    [database]
  )
  const terminated = cut.rows.filter((row) => row.done).map((row) => row.pid as number)
  const problems: string[] = []
  if (terminated.length < nodes)
    problems.push(`only ${terminated.length} backend(s) terminated for ${nodes} node(s)`)
  const fresh = await within(10_000, async () => {
    const rows = await client.query(
      `SELECT count(*)::int AS n FROM pg_stat_activity
       WHERE datname = $1 AND pid <> pg_backend_pid() AND NOT (pid = ANY($2::int[]))`,
      [database, terminated]
    )
    return rows.rows[0].n > 0
  })
  if (!fresh) problems.push('no node opened a new backend after the termination')
  const record: FaultRecord = {
    name: 'backends terminated',
    from,
    to: Date.now(),
    problems,
    evidence: `${terminated.length} backend(s) terminated, new ones opened: ${fresh}`,
  }
  return record
}

/**
 * Commits that fail: a deferred constraint trigger, installed on the load
 * database by this harness only, raises at COMMIT for every message whose
 * clientMessageId is in `load_faults.trapped_sends`. While the trap is set
 * the sender puts some of its sends there; they (and whatever shares their
 * transaction) must be answered with an error and nothing else, and succeed
 * on a retry once the trap is lifted.
 */
export class CommitTrap {
  #ids = new Set<string>()
  armed = false
  /** Error acks received for trapped sends (proof that commits failed). */
  refused = 0

  constructor(private client: pg.Client) {}

  async install() {
    await this.client.query(`
      CREATE SCHEMA IF NOT EXISTS load_faults;
      CREATE TABLE IF NOT EXISTS load_faults.trapped_sends (client_message_id uuid PRIMARY KEY);
      TRUNCATE load_faults.trapped_sends;
      CREATE OR REPLACE FUNCTION load_faults.fail_commit() RETURNS trigger AS $$
      BEGIN
        IF EXISTS (SELECT 1 FROM load_faults.trapped_sends t
                   WHERE t.client_message_id = NEW.client_message_id) THEN
          RAISE EXCEPTION 'load test: commit refused';
        END IF;
        RETURN NULL;
      END $$ LANGUAGE plpgsql;
      DROP TRIGGER IF EXISTS load_fail_commit ON messages;
      CREATE CONSTRAINT TRIGGER load_fail_commit AFTER INSERT ON messages
        DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION load_faults.fail_commit();`)
  }

  async uninstall() {
    await this.client.query(`DROP TRIGGER IF EXISTS load_fail_commit ON messages;
      DROP SCHEMA IF EXISTS load_faults CASCADE`)
  }

  /** Marks a send as trapped (before it is sent). */
  async trap(clientMessageId: string) {
    this.#ids.add(clientMessageId)
    await this.client.query('INSERT INTO load_faults.trapped_sends VALUES ($1)', [clientMessageId])
  }

  #lastTrapAt = 0

  /**
   * Whether the next send should be trapped: while armed, one send every
   * 300 ms at most. A refused commit fails its whole batch, which is then
   * retried send by send; trapping many sends would stall the group commit.
   */
  shouldTrap() {
    if (!this.armed || performance.now() - this.#lastTrapAt < 300) return false
    this.#lastTrapAt = performance.now()
    return true
  }

  isTrapped(clientMessageId: string) {
    return this.#ids.has(clientMessageId)
  }

  /**
   * Sets the trap until `refusals` trapped sends were refused (at most `ms`),
   * then lifts it; proof: trapped sends were refused.
   */
  async run(refusals: number, ms: number): Promise<FaultRecord> {
    const from = Date.now()
    this.armed = true
    await within(ms, async () => this.refused >= refusals)
    this.armed = false
    const leaked = await this.client.query(
      `SELECT count(*)::int AS n FROM messages m JOIN load_faults.trapped_sends t
         ON t.client_message_id = m.client_message_id`
    )
    const trigger = await this.client.query(
      `SELECT count(*)::int AS n FROM pg_trigger WHERE tgname = 'load_fail_commit'`
    )
    await this.client.query('TRUNCATE load_faults.trapped_sends')
    // Whether trapped sends were refused is judged at the end (refusals()):
    // on a busy machine their error acks may come after the trap is lifted.
    const problems: string[] = []
    if (leaked.rows[0].n) problems.push(`${leaked.rows[0].n} trapped send(s) committed anyway`)
    if (!trigger.rows[0].n) problems.push('the trap trigger is missing')
    return {
      name: 'commits refused',
      from,
      to: Date.now(),
      problems,
      evidence: `${this.#ids.size} send(s) trapped, ${this.refused} error ack(s) so far`,
    }
  }

  /** The run's verdict on this fault, once every send has settled. */
  refusals(): string[] {
    return this.refused ? [] : ['commits refused: no trapped send was refused']
  }
}
