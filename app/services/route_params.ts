/**
 * Route parameters that always hold a UUID, whatever the route. start/routes.ts
 * gives each a UUID matcher, so a route like `/users/:id/public-key` can never
 * capture a literal segment such as `/users/username/public-key`, and the
 * OpenAPI document declares them `format: uuid` so that no two of its paths
 * match one URL. `id` is a UUID on the user and device routes only (their
 * groups add the matcher); an admin token id is an integer.
 */
export const UUID_ROUTE_PARAMS = [
  'orgId',
  'roomId',
  'messageId',
  'memberId',
  'mediaId',
  'notificationId',
  'inviteId',
  'botId',
  'webhookId',
  'incomingWebhookId',
  'exportId',
] as const

/**
 * Whether a path parameter of an OpenAPI path is a UUID (see
 * UUID_ROUTE_PARAMS). An e2e `deviceId` is validated, not matched: its
 * routes compete with none, and a malformed one is a 422 naming it.
 */
export function isUuidParam(path: string, name: string) {
  if ((UUID_ROUTE_PARAMS as readonly string[]).includes(name)) return true
  return name === 'id' && (path.startsWith('/users/') || path.startsWith('/devices/'))
}
