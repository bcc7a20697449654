/**
 * Settings of `npm run test:load`, all from the environment (README,
 * "Benchmarks and the load-and-fault run"). The defaults run two nodes on
 * the harness's own Redis at 400 sends/s: at least half the sustained rate
 * `npm run bench` (persistence) measures on a 2-core machine (650–780 acked
 * DM sends/s), so the faults land on a busy cluster.
 */
export const LOAD = {
  /** Seconds of load; faults are spread over them. */
  seconds: Number(process.env.LOAD_SECONDS ?? 40),
  /** Parley nodes, sharing the harness's Redis. */
  nodes: Number(process.env.LOAD_NODES ?? 2),
  /** First port: nodes on LOAD_PORT + n, the harness's redis-server on LOAD_PORT + 9. */
  port: Number(process.env.LOAD_PORT ?? 3650),
  /** The database (created and migrated when missing; its data is replaced). */
  database: process.env.LOAD_DATABASE ?? 'parley_bench_load',
  /** Offered sends per second over all clients (open loop). */
  rate: Number(process.env.LOAD_RATE ?? 400),
  /** Organizations, and users (one socket each) per organization. */
  orgs: Number(process.env.LOAD_ORGS ?? 2),
  usersPerOrg: Number(process.env.LOAD_USERS_PER_ORG ?? 30),
  /** Share of sends that go to the organization's group room instead of a DM. */
  groupShare: Number(process.env.LOAD_GROUP_SHARE ?? 0.1),
  /**
   * Around each fault, and around each client's own disconnection, a message
   * may reach a client only through `sync`; everywhere else it must arrive live.
   */
  graceMs: Number(process.env.LOAD_GRACE_MS ?? 1500),
  /**
   * The run fails when fewer sends than this share of the offered rate were
   * acknowledged over the load phase (faults included): the load did not happen.
   */
  minRateShare: Number(process.env.LOAD_MIN_RATE_SHARE ?? 0.5),
}

/** The harness's own Redis (restarted as a fault, so never a shared one). */
export const REDIS_PORT = LOAD.port + 9
export const REDIS_URL = `redis://127.0.0.1:${REDIS_PORT}/0`
