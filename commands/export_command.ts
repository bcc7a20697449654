import { createWriteStream } from 'node:fs'
import { unlink } from 'node:fs/promises'
import { resolve } from 'node:path'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type { ReadableStream } from 'node:stream/web'
import { Flags } from '@oclif/core'
import type { OperationId } from '#admin/operation_routes'
import { ServerCommand, type ConnectionFlags } from './server_command.js'
import { ChatctlError } from './errors.js'
import { progressBar } from './output.js'

/** What `org export` and `user export` return: the export, and where its archive was written. */
export interface ExportResult {
  id: string
  kind: 'organization' | 'user'
  organizationId: string | null
  userId: string | null
  status: 'queued' | 'running' | 'ready' | 'failed' | 'expired'
  progress: { done: number; total: number }
  size: number | null
  error: string | null
  createdAt: string
  completedAt: string | null
  expiresAt: string | null
  download: { url: string; expiresAt: string } | null
  output: string | null
}

/** The flag both export commands take. */
export const outputFlag = Flags.string({
  char: 'O',
  summary: 'Write the archive (a zip) to this file.',
  required: true,
})

const POLL_MS = 500

/** `org export` and `user export`: one way to build, follow and fetch an archive. */
export abstract class ExportCommand extends ServerCommand<ExportResult> {
  /**
   * Runs an export operation and writes its archive to `output`. Locally the
   * build runs in the call (the server's, through its admin socket, or this
   * process's) with a progress bar, and the archive is copied to the path on
   * this host; remotely the server's job workers build it while this follows
   * its progress, then downloads the signed link. Either way the result is
   * the ready export with `output`, or E_EXPORT_FAILED with the reason.
   */
  protected async exportTo(
    flags: ConnectionFlags,
    id: OperationId,
    input: Record<string, unknown>,
    output: string
  ) {
    const path = resolve(output)
    const bar = progressBar(!this.jsonEnabled())
    let started = false
    const onProgress = (progress: { done: number; total: number }) => {
      if (!bar) return
      if (!started) bar.start(progress.total, 0, { phase: 'export' })
      started = true
      bar.setTotal(progress.total)
      bar.update(progress.done, { phase: 'export' })
    }
    try {
      const target = this.remote(flags)
      if (!target) {
        const local = { ...input, output: path }
        return ready(await this.call<ExportResult>(flags, id, local, { onProgress }))
      }
      let view = await this.call<ExportResult>(flags, id, input)
      while (view.status === 'queued' || view.status === 'running') {
        onProgress(view.progress)
        await new Promise((done) => setTimeout(done, POLL_MS))
        view = await this.call<ExportResult>(flags, 'export:show', { export: view.id })
      }
      ready(view)
      await download(new URL(view.download!.url, target.url), path)
      return { ...view, output: path }
    } finally {
      bar?.stop()
    }
  }
}

function ready(result: ExportResult) {
  if (result.status === 'ready') return result
  const state = result.status === 'failed' ? 'failed' : `is ${result.status}`
  throw new ChatctlError(
    `The export ${result.id} ${state}: ${result.error ?? 'no archive'}`,
    'E_EXPORT_FAILED'
  )
}

/** Streams the archive to `path` (never held in memory); a partial file is removed. */
async function download(url: URL, path: string) {
  const response = await fetch(url)
  if (!response.ok || !response.body) {
    throw new ChatctlError(`The download failed (HTTP ${response.status})`, 'E_EXPORT_FAILED')
  }
  try {
    await pipeline(
      Readable.fromWeb(response.body as ReadableStream),
      createWriteStream(path, { mode: 0o600 })
    )
  } catch (error) {
    await unlink(path).catch(() => {})
    throw error
  }
}
