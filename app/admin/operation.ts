import type { User } from '#queries/admin_users'
import type { RotationProgress } from '#services/key_rotation'
import type { BackfillProgress } from '#services/search_backfill'
import type { ExportBuildProgress } from '#admin/export_operations'
import { OPERATION_ROUTES, type OperationId, type OperationRoute } from '#admin/operation_routes'

/**
 * Who runs an admin operation. Local mode (chatctl on the server host, with
 * the filesystem as its authority) has no user; remote mode carries the admin
 * token's account, which then appears as the inviter, remover, etc.
 */
export interface AdminPrincipal {
  user: User | null
  mode: 'local' | 'remote'
}

/** Progress of a long operation, one report per batch. */
export type OperationProgress = RotationProgress | BackfillProgress | ExportBuildProgress

/** What an operation receives besides its input. */
export interface OperationContext {
  principal: AdminPrincipal
  /** Aborted when the CLI is interrupted, or the HTTP client went away. */
  signal?: AbortSignal
  /** Progress of long work (key rotation, search backfill), for the CLI's progress bar. */
  onProgress?: (progress: OperationProgress) => void
}

/** Anything with VineJS's `validate` (a `vine.create(...)` validator). */
export interface InputValidator<Input> {
  validate(data: unknown): Promise<Input>
}

/**
 * One admin use case as both chatctl modes see it: the REST route that
 * serves it remotely (OPERATION_ROUTES) and the handler that runs it, in the
 * server for remote calls or in the CLI process for local ones. The result
 * is plain JSON (transformer output), so both modes print the same thing.
 */
export interface AdminOperation<Input = any> extends OperationRoute {
  validator: InputValidator<Input>
  handle(context: OperationContext, input: Input): Promise<unknown>
}

/** Declares an operation at its route, with the input type inferred from the validator. */
export function defineOperation<Input>(
  id: OperationId,
  operation: Pick<AdminOperation<Input>, 'validator' | 'handle'>
): AdminOperation<Input> {
  return { ...OPERATION_ROUTES[id], ...operation }
}
