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
  'org:stats': { method: 'GET', path: '/admin/organizations/:org/stats' },
  'org:transfer': { method: 'POST', path: '/admin/organizations/:org/transfer' },
  'user:create': { method: 'POST', path: '/admin/users', status: 201 },
  'user:list': { method: 'GET', path: '/admin/users' },
  'user:show': { method: 'GET', path: '/admin/users/:user' },
  'user:deactivate': { method: 'POST', path: '/admin/users/:user/deactivate' },
  'user:reactivate': { method: 'POST', path: '/admin/users/:user/reactivate' },
  'user:reset-password': { method: 'POST', path: '/admin/users/:user/reset-password' },
  'user:update': { method: 'PUT', path: '/admin/users/:user' },
  'user:promote': { method: 'POST', path: '/admin/users/:user/promote' },
  'user:demote': { method: 'POST', path: '/admin/users/:user/demote' },
  'user:delete': { method: 'DELETE', path: '/admin/users/:user' },
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
  'room:create': { method: 'POST', path: '/admin/organizations/:org/rooms', status: 201 },
  'room:rename': { method: 'PUT', path: '/admin/organizations/:org/rooms/:room' },
  'room:unarchive': { method: 'POST', path: '/admin/organizations/:org/rooms/:room/unarchive' },
  'room:members:list': { method: 'GET', path: '/admin/organizations/:org/rooms/:room/members' },
  'room:members:add': {
    method: 'POST',
    path: '/admin/organizations/:org/rooms/:room/members',
    status: 201,
  },
  'room:members:remove': {
    method: 'DELETE',
    path: '/admin/organizations/:org/rooms/:room/members/:user',
  },
  'bot:create': { method: 'POST', path: '/admin/organizations/:org/bots', status: 201 },
  'bot:list': { method: 'GET', path: '/admin/organizations/:org/bots' },
  'bot:delete': { method: 'DELETE', path: '/admin/organizations/:org/bots/:bot' },
  'bot:key:create': {
    method: 'POST',
    path: '/admin/organizations/:org/bots/:bot/keys',
    status: 201,
  },
  'bot:key:list': { method: 'GET', path: '/admin/organizations/:org/bots/:bot/keys' },
  'bot:key:revoke': { method: 'DELETE', path: '/admin/organizations/:org/bots/:bot/keys/:key' },
  'webhook:create': { method: 'POST', path: '/admin/organizations/:org/webhooks', status: 201 },
  'webhook:list': { method: 'GET', path: '/admin/organizations/:org/webhooks' },
  'webhook:enable': { method: 'POST', path: '/admin/organizations/:org/webhooks/:webhook/enable' },
  'webhook:delete': { method: 'DELETE', path: '/admin/organizations/:org/webhooks/:webhook' },
  'webhook:deliveries': {
    method: 'GET',
    path: '/admin/organizations/:org/webhooks/:webhook/deliveries',
  },
  'webhook:rotate-secret': {
    method: 'POST',
    path: '/admin/organizations/:org/webhooks/:webhook/rotate-secret',
  },
  'webhook:incoming:create': {
    method: 'POST',
    path: '/admin/organizations/:org/incoming-webhooks',
    status: 201,
  },
  'webhook:incoming:list': { method: 'GET', path: '/admin/organizations/:org/incoming-webhooks' },
  'webhook:incoming:delete': {
    method: 'DELETE',
    path: '/admin/organizations/:org/incoming-webhooks/:hook',
  },
  'command:create': { method: 'POST', path: '/admin/organizations/:org/commands', status: 201 },
  'command:list': { method: 'GET', path: '/admin/organizations/:org/commands' },
  'command:delete': { method: 'DELETE', path: '/admin/organizations/:org/commands/:command' },
  'command:update': { method: 'PUT', path: '/admin/organizations/:org/commands/:command' },
  'key:rotate': { method: 'POST', path: '/admin/keys/rotate' },
  'key:status': { method: 'GET', path: '/admin/keys/status' },
  'key:verify': { method: 'GET', path: '/admin/keys/verify' },
  'search:backfill': { method: 'POST', path: '/admin/search/backfill' },
  'plugin:list': { method: 'GET', path: '/admin/plugins' },
  'health': { method: 'GET', path: '/admin/health' },
  'token:create': { method: 'POST', path: '/admin/tokens', status: 201 },
  'token:revoke': { method: 'DELETE', path: '/admin/tokens/:id' },
  'token:revoke-all': { method: 'DELETE', path: '/admin/users/:user/tokens' },
  'token:list': { method: 'GET', path: '/admin/tokens' },
  'user:reset-2fa': { method: 'POST', path: '/admin/users/:user/reset-2fa' },
  'signup:show': { method: 'GET', path: '/admin/signup-policy' },
  'signup:set': { method: 'PUT', path: '/admin/signup-policy' },
  'config:show': { method: 'GET', path: '/admin/config' },
  'audit:list': { method: 'GET', path: '/admin/audit' },
  'member:mute': { method: 'POST', path: '/admin/organizations/:org/members/:user/mute' },
  'member:ban': { method: 'POST', path: '/admin/organizations/:org/bans', status: 201 },
  'member:unban': { method: 'DELETE', path: '/admin/organizations/:org/bans/:user' },
  'report:list': { method: 'GET', path: '/admin/organizations/:org/reports' },
  'room:slow-mode': { method: 'PUT', path: '/admin/organizations/:org/rooms/:room/slow-mode' },
  'retention:run': { method: 'POST', path: '/admin/retention/run' },
  'retention:set': { method: 'PUT', path: '/admin/organizations/:org/retention' },
  'org:export': { method: 'POST', path: '/admin/organizations/:org/exports', status: 201 },
  'user:export': { method: 'POST', path: '/admin/users/:user/exports', status: 201 },
  'export:show': { method: 'GET', path: '/admin/exports/:export' },
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
