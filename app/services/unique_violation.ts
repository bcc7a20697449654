/**
 * Whether a database error is a PostgreSQL unique violation (23505), optionally
 * on a given constraint or index. Parley relies on unique indexes, never on
 * check-then-insert, for anything that must stay unique under concurrency.
 */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const pgError = error as { code?: string; constraint?: string }
  if (pgError?.code !== '23505') return false
  return constraint === undefined || pgError.constraint === constraint
}
