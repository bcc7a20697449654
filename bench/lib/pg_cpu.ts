import { readFileSync } from 'node:fs'
import type pg from 'pg'

const TICKS_PER_SECOND = 100

function cpuMsOf(pid: number): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND
  } catch {
    return null
  }
}

/**
 * CPU spent by the PostgreSQL backends serving one database: the sum of
 * utime + stime in /proc/<pid>/stat over the backends that pg_stat_activity
 * lists for it (this monitor's own backend excluded). PostgreSQL runs on this
 * machine, so its processes' counters are readable here. A backend that
 * appears during a phase counts from zero; one that exits during it loses its
 * last share (pools keep theirs open, so that is rare and small).
 */
export class PgBackendCpu {
  constructor(
    private monitor: pg.Client | pg.Pool,
    private database: string
  ) {}

  async snapshot(): Promise<Map<number, number>> {
    const result = await this.monitor.query(
      `SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()
         AND backend_type = 'client backend'`,
      [this.database]
    )
    const cpu = new Map<number, number>()
    for (const { pid } of result.rows as { pid: number }[]) {
      const ms = cpuMsOf(pid)
      if (ms !== null) cpu.set(pid, ms)
    }
    return cpu
  }

  /** Starts a phase; the returned function gives the backends' CPU ms since then. */
  async start() {
    const before = await this.snapshot()
    return async () => {
      const after = await this.snapshot()
      let total = 0
      for (const [pid, ms] of after) total += ms - (before.get(pid) ?? 0)
      return total
    }
  }
}
