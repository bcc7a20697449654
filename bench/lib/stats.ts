/** One line of the bench table: a Parley figure beside its baseline from the same run. */
export interface Row {
  scenario: string
  metric: string
  unit: string
  parley: number | null
  baseline: number | null
  baselineName: string
  /** parley / baseline (for costs, baseline / parley), so > 1 is Parley ahead. */
  ratio: number | null
  /** Each run's (parley, baseline) pair; the figures above are their medians. */
  runs: { parley: number | null; baseline: number | null }[]
  note?: string
}

export function percentile(values: number[], p: number) {
  if (!values.length) return null
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]
}

export function median(values: (number | null)[]) {
  const present = values.filter((value): value is number => value !== null)
  return percentile(present, 50)
}

/**
 * Builds a row from per-run pairs. `lowerIsBetter` marks costs (latency,
 * memory): their ratio is Parley / baseline too, read as "times the baseline".
 */
export function row(
  scenario: string,
  metric: string,
  unit: string,
  baselineName: string,
  runs: { parley: number | null; baseline: number | null }[],
  note?: string
): Row {
  const parley = median(runs.map((run) => run.parley))
  const baseline = median(runs.map((run) => run.baseline))
  const ratio = parley !== null && baseline ? parley / baseline : null
  return { scenario, metric, unit, parley, baseline, baselineName, ratio, runs, note }
}

function format(value: number | null) {
  if (value === null) return '—'
  if (Math.abs(value) >= 100) return Math.round(value).toLocaleString('en-US')
  if (Math.abs(value) >= 10) return value.toFixed(1)
  return value.toFixed(2)
}

/** The table printed at the end of `npm run bench`. */
export function table(rows: Row[]) {
  const header = ['scenario', 'metric', 'Parley', 'baseline', 'ratio', 'baseline is']
  const lines = rows.map((r) => [
    r.scenario,
    `${r.metric} (${r.unit})`,
    format(r.parley),
    format(r.baseline),
    r.ratio === null ? '—' : `${r.ratio.toFixed(2)}×`,
    r.baselineName,
  ])
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)))
  const render = (cells: string[]) =>
    cells
      .map((cell, i) => (i >= 2 && i <= 4 ? cell.padStart(widths[i]) : cell.padEnd(widths[i])))
      .join('  ')
  const notes = rows.filter((r) => r.note).map((r) => `  ${r.scenario} / ${r.metric}: ${r.note}`)
  return [
    render(header),
    render(widths.map((w) => '-'.repeat(w))),
    ...lines.map(render),
    ...(notes.length ? ['', 'notes:', ...notes] : []),
  ].join('\n')
}
