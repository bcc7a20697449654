import pg from 'pg'

/*
 * Counts the SQL statements this process sends to PostgreSQL, at the `pg`
 * client every Lucid connection uses, so BEGIN and COMMIT count too. For
 * tests that pin how many statements a path costs (never how long it takes).
 */

type Query = typeof pg.Client.prototype.query
const original: Query = pg.Client.prototype.query
let recording: string[] | undefined

function statementOf(config: unknown): string {
  if (typeof config === 'string') return config
  if (config && typeof (config as { text?: unknown }).text === 'string') {
    return (config as { text: string }).text
  }
  return String(config)
}

/** Starts recording; the returned function stops and answers the statements, in order. */
export function recordStatements(): () => string[] {
  if (recording) throw new Error('Already recording statements')
  const statements: string[] = []
  recording = statements
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    recording?.push(statementOf(args[0]).replace(/\s+/g, ' ').trim())
    return (original as (...a: unknown[]) => unknown).apply(this, args)
  } as Query
  return () => {
    pg.Client.prototype.query = original
    recording = undefined
    return statements
  }
}
