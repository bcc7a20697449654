/*
|--------------------------------------------------------------------------
| npm run bench [-- <scenario> ...]
|--------------------------------------------------------------------------
|
| Runs the scenarios (all, or those named), each against a baseline measured
| in the same run, prints one table and writes bench/results/latest.json.
| Everything is on loopback; servers are child processes of this one, which
| is also the client, so a server's CPU is its own. Settings: BENCH_RUNS
| (default 3), BENCH_SECONDS per load phase (default 4), BENCH_DATABASE
| (default parley_bench), BENCH_PORT (first of 100 ports, default 3600),
| BENCH_REDIS_URL (default redis://127.0.0.1:6379/6), BENCH_CPU_PROF=<dir>.
|
*/
import { mkdirSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import type { BenchContext, Scenario } from './lib/context.js'
import { table, type Row } from './lib/stats.js'
import { ROOT } from './lib/processes.js'

const SCENARIOS: Record<string, () => Promise<{ default: Scenario }>> = {
  fanout: () => import('./fanout.bench.js'),
  persistence: () => import('./persistence.bench.js'),
  history: () => import('./history.bench.js'),
  connections: () => import('./connections.bench.js'),
  scaleout: () => import('./scaleout.bench.js'),
  wire: () => import('./wire.bench.js'),
}

const names = process.argv.slice(2).filter((arg) => !arg.startsWith('-'))
const unknown = names.filter((name) => !SCENARIOS[name])
if (unknown.length) {
  console.error(
    `unknown scenario(s): ${unknown.join(', ')}; known: ${Object.keys(SCENARIOS).join(', ')}`
  )
  process.exit(2)
}

const context: BenchContext = {
  runs: Number(process.env.BENCH_RUNS ?? 3),
  seconds: Number(process.env.BENCH_SECONDS ?? 4),
  database: process.env.BENCH_DATABASE ?? 'parley_bench',
  port: Number(process.env.BENCH_PORT ?? 3600),
  redisUrl: process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379/6',
  log: (line) => console.error(`[${((performance.now() - started) / 1000).toFixed(0)}s] ${line}`),
}

const started = performance.now()
const loadBefore = os.loadavg()
const rows: Row[] = []
const report: Record<string, unknown> = {}
let failed = false
for (const name of names.length ? names : Object.keys(SCENARIOS)) {
  const { default: scenario } = await SCENARIOS[name]()
  context.log(`${name}: ${scenario.describe}`)
  const scenarioStart = performance.now()
  try {
    const result = await scenario.run(context)
    rows.push(...result.rows)
    report[name] = { ...result, seconds: Math.round((performance.now() - scenarioStart) / 1000) }
  } catch (error) {
    failed = true
    context.log(`${name} failed: ${(error as Error).stack}`)
    report[name] = { error: String(error) }
  }
}

const output = table(rows)
console.log(output)
const load = (values: number[]) => values.map((value) => value.toFixed(2)).join(' ')
console.log(
  `\nratio = the median over runs of Parley / baseline, each run pairing the two phases back to back` +
    `\n(Parley first in even runs, the baseline first in odd ones); for latency, CPU, memory and` +
    `\nstatements lower is better. Parley and baseline columns are the medians of their own figures.` +
    `\nThe machine is shared: absolute figures are noisy, the same-run ratios are what count.` +
    `\nload average (1, 5, 15 min): ${load(loadBefore)} at start, ${load(os.loadavg())} at end; ${os.cpus().length} cores` +
    `\ntotal ${((performance.now() - started) / 1000).toFixed(0)} s`
)
mkdirSync(`${ROOT}bench/results`, { recursive: true })
writeFileSync(
  `${ROOT}bench/results/latest.json`,
  JSON.stringify(
    {
      at: new Date().toISOString(),
      machine: {
        cpus: os.cpus().length,
        model: os.cpus()[0]?.model,
        node: process.version,
        loadavg: { start: loadBefore, end: os.loadavg() },
      },
      settings: { runs: context.runs, seconds: context.seconds, database: context.database },
      scenarios: report,
      rows,
      table: output,
    },
    null,
    2
  )
)
process.exit(failed ? 1 : 0)
