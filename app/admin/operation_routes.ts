/**
 * Where each admin operation lives in the admin REST API, by chatctl command
 * id. Kept free of imports so that chatctl in remote mode can build requests
 * without loading the application; app/admin/operations.ts attaches the
 * validators and handlers to the same ids.
 */
export interface OperationRoute {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE'
  /** Path parameters (`:org`) are input fields of the same name. */
  path: string
  /** HTTP status of a success (200 unless given). */
  status?: number
}

/** The admin routes, by operation id. */
export const OPERATION_ROUTES = {
  'org:create': { method: 'POST', path: '/admin/organizations', status: 201 },
  'org:list': { method: 'GET', path: '/admin/organizations' },
  'org:show': { method: 'GET', path: '/admin/organizations/:org' },
  'org:update': { method: 'PUT', path: '/admin/organizations/:org' },
  'org:delete': { method: 'DELETE', path: '/admin/organizations/:org' },
  'user:create': { method: 'POST', path: '/admin/users', status: 201 },
  'user:list': { method: 'GET', path: '/admin/users' },
  'user:show': { method: 'GET', path: '/admin/users/:user' },
  'user:deactivate': { method: 'POST', path: '/admin/users/:user/deactivate' },
  'user:reactivate': { method: 'POST', path: '/admin/users/:user/reactivate' },
  'user:reset-password': { method: 'POST', path: '/admin/users/:user/reset-password' },
  'member:list': { method: 'GET', path: '/admin/organizations/:org/members' },
  'member:add': { method: 'POST', path: '/admin/organizations/:org/members', status: 201 },
  'member:role': { method: 'PUT', path: '/admin/organizations/:org/members/:user/role' },
  'member:remove': { method: 'DELETE', path: '/admin/organizations/:org/members/:user' },
  'invite:create': { method: 'POST', path: '/admin/organizations/:org/invites', status: 201 },
  'invite:list': { method: 'GET', path: '/admin/organizations/:org/invites' },
  'invite:revoke': { method: 'DELETE', path: '/admin/organizations/:org/invites/:invite' },
  'room:list': { method: 'GET', path: '/admin/organizations/:org/rooms' },
  'room:show': { method: 'GET', path: '/admin/organizations/:org/rooms/:room' },
  'room:archive': { method: 'POST', path: '/admin/organizations/:org/rooms/:room/archive' },
  'key:rotate': { method: 'POST', path: '/admin/keys/rotate' },
  'key:status': { method: 'GET', path: '/admin/keys/status' },
  'key:verify': { method: 'GET', path: '/admin/keys/verify' },
  'plugin:list': { method: 'GET', path: '/admin/plugins' },
  'health': { method: 'GET', path: '/admin/health' },
  'token:create': { method: 'POST', path: '/admin/tokens', status: 201 },
  'token:revoke': { method: 'DELETE', path: '/admin/tokens/:id' },
} satisfies Record<string, OperationRoute>

/** An operation id (a chatctl command id with a remote counterpart). */
export type OperationId = keyof typeof OPERATION_ROUTES

/** The path parameters of an operation's route (`:org` → `org`). */
export function pathParams(path: string) {
  return [...path.matchAll(/:([a-zA-Z]+)/g)].map((match) => match[1])
}

/** The route name of an operation: `org:create` → `admin.org.create`. */
export function adminRouteName(id: string) {
  return `admin.${id.replaceAll(':', '.')}`
}
