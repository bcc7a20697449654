import type { Row } from './stats.js'

/** What every scenario gets from bench/run.ts. */
export interface BenchContext {
  /** Runs per figure (medians are reported). */
  runs: number
  /** Seconds of each measured load phase. */
  seconds: number
  /** The bench database (parley_bench unless BENCH_DATABASE says otherwise). */
  database: string
  /** First port of the bench's range. */
  port: number
  /** Redis URL for the two-node scenario (a db of its own). */
  redisUrl: string
  log: (line: string) => void
}

/** A scenario: its name, a one-line configuration and its rows. */
export interface Scenario {
  name: string
  describe: string
  run(context: BenchContext): Promise<{ config: Record<string, unknown>; rows: Row[] }>
}
