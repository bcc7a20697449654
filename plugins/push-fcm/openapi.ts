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
      operationId: 'registerPushDevice',
      description:
        'Registers an FCM token for push notifications; a token registered by another user moves to the caller.',
      requestExample: { token: 'fcm-registration-token', platform: 'android' },
      tag: 'devices',
      summary: 'Register a push token (201); a token belongs to one user at a time',
      body: obj({ token: str(), platform: str({ enum: ['android', 'ios', 'web'] }) }),
      ok: { 200: data(device), 201: data(device) },
    }),
  },
  '/devices/{id}': {
    delete: op('/devices/{id}', {
      operationId: 'removePushDevice',
      description: 'Stops pushes to that token.',
      params: { id: 'The push device’s id' },
      tag: 'devices',
      summary: 'Remove one of the caller’s push tokens',
      ok: { 204: null },
    }),
  },
}
