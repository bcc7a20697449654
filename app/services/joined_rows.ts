import type { LucidModel } from '@adonisjs/lucid/types/model'

/*
 * Two models from one joined row, for the lookups every chat request makes
 * (membership + organization, room + room member): one round trip instead of
 * two. The second table's columns are selected under a prefix and split off
 * again, so both models hydrate through Lucid as if queried alone.
 */

/** `alias.column as prefix__column` for every column of a model. */
export function prefixedColumns(model: LucidModel, alias: string, prefix: string) {
  return [...model.$columnsDefinitions.values()].map(
    (column) => `${alias}.${column.columnName} as ${prefix}__${column.columnName}`
  )
}

/** Splits a joined row into the plain part and the `prefix__` part, and hydrates both. */
export function splitJoined<A extends LucidModel, B extends LucidModel>(
  row: Record<string, unknown>,
  first: A,
  second: B,
  prefix: string
): [InstanceType<A>, InstanceType<B>] {
  const own: Record<string, unknown> = {}
  const other: Record<string, unknown> = {}
  const marker = `${prefix}__`
  for (const [key, value] of Object.entries(row)) {
    if (key.startsWith(marker)) other[key.slice(marker.length)] = value
    else own[key] = value
  }
  return [
    first.$createFromAdapterResult(own) as InstanceType<A>,
    second.$createFromAdapterResult(other) as InstanceType<B>,
  ]
}
