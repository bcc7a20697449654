/** What a row must reach: a ratio bound (Parley / baseline) or an absolute bound on Parley's figure. */
export interface Target {
  /** `ratio` compares the median per-run ratio, `value` Parley's median figure. */
  on: 'ratio' | 'value'
  op: '>=' | '<=' | '<'
  bound: number
}

/** One line of the bench table: a Parley figure beside its baseline from the same run. */
export interface Row {
  scenario: string
  metric: string
  unit: string
  parley: number | null
  baseline: number | null
  baselineName: string
  /**
   * The median of the per-run ratios parley_i / baseline_i (each run pairs a
   * Parley phase with its baseline phase, measured back to back), not the
   * ratio of the medians. For costs (latency, CPU, memory) lower is better.
   */
  ratio: number | null
  /** Each run's (parley, baseline) pair; `parley` and `baseline` above are their medians. */
  runs: { parley: number | null; baseline: number | null }[]
  target?: Target
  note?: string
}

export function percentile(values: number[], p: number) {
  if (!values.length) return null
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]
}

/** The median (the mean of the two middle values for an even count). */
export function median(values: (number | null)[]) {
  const present = values.filter((value): value is number => value !== null).sort((a, b) => a - b)
  if (!present.length) return null
  const middle = present.length >> 1
  return present.length % 2 ? present[middle] : (present[middle - 1] + present[middle]) / 2
}

/** Builds a row from per-run pairs; `ratio` is the median of the per-run ratios. */
export function row(
  scenario: string,
  metric: string,
  unit: string,
  baselineName: string,
  runs: { parley: number | null; baseline: number | null }[],
  options: { note?: string; target?: Target } = {}
): Row {
  const ratios = runs.map((run) =>
    run.parley !== null && run.baseline ? run.parley / run.baseline : null
  )
  return {
    scenario,
    metric,
    unit,
    parley: median(runs.map((run) => run.parley)),
    baseline: median(runs.map((run) => run.baseline)),
    baselineName,
    ratio: median(ratios),
    runs,
    ...options,
  }
}

/** Whether a row meets its target (null: no target, or nothing measured). */
export function met(r: Row): boolean | null {
  if (!r.target) return null
  const value = r.target.on === 'ratio' ? r.ratio : r.parley
  if (value === null) return null
  if (r.target.op === '>=') return value >= r.target.bound
  if (r.target.op === '<=') return value <= r.target.bound
  return value < r.target.bound
}

function describeTarget(target?: Target) {
  if (!target) return ''
  const bound = target.on === 'ratio' ? `${target.bound}×` : String(target.bound)
  return `${target.op === '>=' ? '≥' : target.op === '<=' ? '≤' : '<'} ${bound}`
}

function format(value: number | null) {
  if (value === null) return '—'
  if (Math.abs(value) >= 100) return Math.round(value).toLocaleString('en-US')
  if (Math.abs(value) >= 10) return value.toFixed(1)
  return value.toFixed(2)
}

/**
 * Alternation of the order inside a run: even runs measure Parley first,
 * odd runs the baseline first, so neither side always gets the warmer (or
 * the more disturbed) slot on a shared machine.
 */
export async function pair<P, B>(
  run: number,
  parley: () => Promise<P>,
  baseline: () => Promise<B>
) {
  if (run % 2 === 0) {
    const mine = await parley()
    return { parley: mine, baseline: await baseline() }
  }
  const theirs = await baseline()
  return { parley: await parley(), baseline: theirs }
}

/** The table printed at the end of `npm run bench`. */
export function table(rows: Row[]) {
  const header = [
    'scenario',
    'metric',
    'Parley',
    'baseline',
    'ratio',
    'target',
    'met',
    'baseline is',
  ]
  const lines = rows.map((r) => {
    const ok = met(r)
    return [
      r.scenario,
      `${r.metric} (${r.unit})`,
      format(r.parley),
      format(r.baseline),
      r.ratio === null ? '—' : `${r.ratio.toFixed(2)}×`,
      describeTarget(r.target),
      ok === null ? '' : ok ? 'met' : 'NOT MET',
      r.baselineName,
    ]
  })
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)))
  const render = (cells: string[]) =>
    cells
      .map((cell, i) => (i >= 2 && i <= 4 ? cell.padStart(widths[i]) : cell.padEnd(widths[i])))
      .join('  ')
      .trimEnd()
  const notes = rows.filter((r) => r.note).map((r) => `  ${r.scenario} / ${r.metric}: ${r.note}`)
  return [
    render(header),
    render(widths.map((w) => '-'.repeat(w))),
    ...lines.map(render),
    ...(notes.length ? ['', 'notes:', ...notes] : []),
  ].join('\n')
}
