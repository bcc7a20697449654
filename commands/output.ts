import { SingleBar, Presets } from 'cli-progress'

/** A column of a human table: header and how to read the cell. */
export type Column<Row> = [header: string, cell: (row: Row) => unknown]

/** Formats rows as a plain, aligned text table (human output; `--json` has the data). */
export function table<Row>(rows: Row[], columns: Column<Row>[]) {
  if (!rows.length) return '(none)'
  const cells = rows.map((row) => columns.map(([, cell]) => text(cell(row))))
  const headers = columns.map(([header]) => header)
  const widths = headers.map((header, i) =>
    Math.max(header.length, ...cells.map((line) => line[i].length))
  )
  const line = (values: string[]) =>
    values
      .map((value, i) => value.padEnd(widths[i]))
      .join('  ')
      .trimEnd()
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n')
}

/** `key: value` lines for one object (human output of show commands). */
export function details(entries: Record<string, unknown>) {
  const width = Math.max(...Object.keys(entries).map((key) => key.length))
  return Object.entries(entries)
    .map(([key, value]) => `${key.padEnd(width)}  ${text(value)}`)
    .join('\n')
}

function text(value: unknown): string {
  if (value === null || value === undefined) return '-'
  if (Array.isArray(value)) return value.map(text).join(', ')
  if (typeof value === 'object') return JSON.stringify(value)
  return String(value)
}

/**
 * A progress bar on stderr, only when stderr is a terminal and output is not
 * `--json`: scripts and pipes get no control characters.
 */
export function progressBar(enabled: boolean) {
  if (!enabled || !process.stderr.isTTY) return null
  return new SingleBar(
    { format: ' {phase} [{bar}] {value}/{total} rows', stream: process.stderr, hideCursor: true },
    Presets.shades_classic
  )
}
