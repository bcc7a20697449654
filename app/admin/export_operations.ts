import { createWriteStream } from 'node:fs'
import { unlink } from 'node:fs/promises'
import { pipeline } from 'node:stream/promises'
import CreateExport from '#actions/exports/create_export'
import RunExport from '#actions/exports/run_export'
import ExportQueries from '#queries/exports'
import { adminActor, findUser } from '#queries/admin_lookup'
import { defineOperation, type OperationContext } from '#admin/operation'
import { AppException } from '#exceptions/app_exception'
import {
  adminOrgExportValidator,
  adminShowExportValidator,
  adminUserExportValidator,
} from '#validators/exports'

/** Progress of an export built in the chatctl call (local mode), for its progress bar. */
export type ExportBuildProgress = { phase: 'export'; done: number; total: number }

/**
 * Remote mode queues the build for the job workers and answers at once
 * (chatctl follows `export:show`, then downloads the signed link); `output`
 * names a path on the server host and is refused there.
 */
function refuseOutput(context: OperationContext, output: string | undefined) {
  if (output !== undefined && context.principal.mode === 'remote') {
    throw new AppException('output is a path on the server host: local mode only', {
      status: 422,
      code: 'E_VALIDATION_ERROR',
      field: 'output',
    })
  }
}

/**
 * Local mode builds in the call, with progress, then copies the archive to
 * `output` (a partial copy is removed); remote mode answers the queued export.
 */
async function finish(context: OperationContext, exportId: string, output?: string) {
  if (context.principal.mode === 'remote')
    return { ...(await ExportQueries.byId(exportId)), output: null }
  await RunExport.handle(exportId, (done, total) => {
    context.onProgress?.({ phase: 'export', done, total })
  })
  const view = await ExportQueries.byId(exportId)
  if (view.status !== 'ready' || !output) return { ...view, output: null }
  const archive = await ExportQueries.archive(exportId)
  try {
    await pipeline(archive.stream, createWriteStream(output, { mode: 0o600 }))
  } catch (error) {
    await unlink(output).catch(() => {})
    throw error
  }
  return { ...view, output }
}

/** chatctl `org export`, `user export`, and following a queued export. */
export const exportOperations = {
  'org:export': defineOperation('org:export', {
    validator: adminOrgExportValidator,
    async handle(context, input) {
      refuseOutput(context, input.output)
      const actor = await adminActor(context.principal, input.org)
      const local = context.principal.mode === 'local'
      const created = await CreateExport.organization(actor, { inline: local })
      return finish(context, created.id, input.output)
    },
  }),
  'user:export': defineOperation('user:export', {
    validator: adminUserExportValidator,
    async handle(context, input) {
      refuseOutput(context, input.output)
      const user = await findUser(input.user)
      const local = context.principal.mode === 'local'
      const created = await CreateExport.user(user, context.principal.user, { inline: local })
      return finish(context, created.id, input.output)
    },
  }),
  'export:show': defineOperation('export:show', {
    validator: adminShowExportValidator,
    handle: async (_context, input) => ({
      ...(await ExportQueries.byId(input.export)),
      output: null,
    }),
  }),
}
