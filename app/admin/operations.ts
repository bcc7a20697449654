import { orgOperations } from '#admin/org_operations'
import { userOperations } from '#admin/user_operations'
import { memberOperations } from '#admin/member_operations'
import { roomOperations } from '#admin/room_operations'
import { systemOperations } from '#admin/system_operations'
import { accountOperations } from '#admin/account_operations'
import { governanceOperations } from '#admin/governance_operations'
import { integrationOperations } from '#admin/integration_operations'
import { exportOperations } from '#admin/export_operations'
import type { AdminOperation, OperationContext } from '#admin/operation'
import { currentAuditOrigin, withAuditOrigin } from '#services/audit_origin'

/**
 * Every admin operation by chatctl command id. The admin REST routes are
 * registered from this table (start/routes/admin.ts) and local chatctl runs
 * the same entries in-process, so both modes validate, act and shape the
 * result identically.
 */
export const OPERATIONS: Record<string, AdminOperation> = {
  ...orgOperations,
  ...userOperations,
  ...memberOperations,
  ...roomOperations,
  ...systemOperations,
  ...accountOperations,
  ...governanceOperations,
  ...integrationOperations,
  ...exportOperations,
}

/**
 * Validates the input with the operation's validator, then runs it, with
 * the door it came through as its audit origin (the admin API keeps the
 * client's IP; chatctl's local mode has none).
 */
export async function runOperation(id: string, input: unknown, context: OperationContext) {
  const operation = OPERATIONS[id]
  if (!operation) throw new Error(`Unknown admin operation ${id}`)
  const remote = context.principal.mode === 'remote'
  const origin = {
    ip: remote ? currentAuditOrigin().ip : null,
    door: remote ? ('admin-api' as const) : ('chatctl' as const),
    actorUserId: context.principal.user?.id ?? null,
  }
  return withAuditOrigin(origin, async () => {
    const data = await operation.validator.validate(input)
    return JSON.parse(JSON.stringify((await operation.handle(context, data)) ?? null))
  })
}
