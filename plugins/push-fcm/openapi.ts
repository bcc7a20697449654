import { data, obj, op, str, uuid, type Paths } from '#extensions/openapi'

/*
 * The plugin's operations in /openapi.json, registered by its provider next
 * to its routes, so a server lists them only while the plugin is enabled.
 */

const device = obj({ id: uuid(), platform: str(), createdAt: str() }, true)

/** The push-fcm operations. */
export const pushFcmPaths: Paths = {
  '/devices': {
    post: op('/devices', {
      tag: 'devices',
      summary: 'Register a push token (201); a token belongs to one user at a time',
      body: obj({ token: str(), platform: str({ enum: ['android', 'ios', 'web'] }) }),
      ok: { 200: data(device), 201: data(device) },
    }),
  },
  '/devices/{id}': {
    delete: op('/devices/{id}', {
      tag: 'devices',
      summary: 'Remove one of the caller’s push tokens',
      ok: { 204: null },
    }),
  },
}
