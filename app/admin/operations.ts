import { orgOperations } from '#admin/org_operations'
import { userOperations } from '#admin/user_operations'
import { memberOperations } from '#admin/member_operations'
import { roomOperations } from '#admin/room_operations'
import { systemOperations } from '#admin/system_operations'
import type { AdminOperation, OperationContext } from '#admin/operation'

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
}

/** Validates the input with the operation's validator, then runs it. */
export async function runOperation(id: string, input: unknown, context: OperationContext) {
  const operation = OPERATIONS[id]
  if (!operation) throw new Error(`Unknown admin operation ${id}`)
  const data = await operation.validator.validate(input)
  return JSON.parse(JSON.stringify((await operation.handle(context, data)) ?? null))
}
