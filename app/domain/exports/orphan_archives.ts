import db from '@adonisjs/lucid/services/db'
import { mediaDisk } from '#services/media_storage'

/**
 * Archives with no live export: their row went with a deleted organization
 * or user (cascade). They hold decrypted messages, so they must not outlive
 * the data they were made from; the media disk's `exports/` is listed a
 * page at a time and every archive whose export is gone or no longer
 * queued, running or ready is deleted.
 */
export async function deleteOrphanArchives() {
  const disk = mediaDisk()
  let deleted = 0
  let paginationToken: string | undefined
  do {
    const page = await disk.listAll('exports', { paginationToken })
    paginationToken = page.paginationToken
    const byId = new Map<string, string>()
    for (const object of page.objects) {
      if (!object.isFile) continue
      const match = /^exports\/([0-9a-f-]{36})\.zip$/.exec(object.key)
      if (match) byId.set(match[1], object.key)
    }
    if (!byId.size) continue
    const live = await db
      .from('data_exports')
      .whereIn('id', [...byId.keys()])
      .whereIn('status', ['queued', 'running', 'ready'])
      .select('id')
    for (const row of live) byId.delete(row.id)
    for (const key of byId.values()) await disk.delete(key).catch(() => {})
    deleted += byId.size
  } while (paginationToken)
  return deleted
}
