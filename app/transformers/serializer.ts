import { BaseSerializer } from '@adonisjs/core/transformers'

/** Page metadata of DESIGN.md §10. */
export interface PageMeta {
  total: number
  perPage: number
  currentPage: number
  lastPage: number
}

/**
 * The one response envelope: `{ data }`, plus `meta` for pages. Transformer
 * output is what every client sees, on REST, sockets and SSE alike.
 */
export class ApiSerializer extends BaseSerializer<{ Wrap: 'data'; PaginationMetaData: PageMeta }> {
  wrap = 'data' as const

  definePaginationMetaData(metaData: unknown): PageMeta {
    if (!this.isLucidPaginatorMetaData(metaData)) {
      throw new Error('Pagination metadata must come from a Lucid paginator')
    }
    return {
      total: Number(metaData.total),
      perPage: Number(metaData.perPage),
      currentPage: Number(metaData.currentPage),
      lastPage: Number(metaData.lastPage),
    }
  }
}

/** Shared instance: the serializer is stateless. */
export const serializer = new ApiSerializer()

/** DESIGN §10 names page metadata `meta`; the base serializer calls it `metadata`. */
function renameMetadata<T>(value: T): T {
  if (!value || typeof value !== 'object' || !('metadata' in value)) return value
  const { metadata, ...rest } = value as Record<string, unknown>
  return { ...rest, meta: metadata } as T
}

/** The base serializer wraps objects and transformers but hands arrays and scalars back as they are. */
function wrapped<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) return value
  return { data: value } as T
}

/**
 * Serializes transformer output into the `{ data, meta? }` envelope of every
 * HTTP success response; `ctx.serialize` is this function. `null` (nothing
 * to show, e.g. no active organization) is `{ data: null }`; plain values
 * (the admin operations' results) get the same envelope.
 */
export const serialize = ((data: unknown, resolver?: Parameters<ApiSerializer['serialize']>[1]) =>
  data === null
    ? Promise.resolve({ data: null })
    : Promise.resolve(serializer.serialize(data, resolver))
        .then(wrapped)
        .then(renameMetadata)) as ApiSerializer['serialize'] &
  ((data: null) => Promise<{ data: null }>)

/**
 * The envelope of a cursor page (DESIGN §10): `{ data, meta }` where `meta`
 * is the page's own cursor fields rather than a Lucid paginator's.
 */
export async function serializeWithMeta<Meta extends Record<string, unknown>>(
  data: Parameters<ApiSerializer['serialize']>[0],
  meta: Meta
) {
  const envelope = (await serialize(data)) as { data: unknown }
  return { data: envelope.data, meta }
}
