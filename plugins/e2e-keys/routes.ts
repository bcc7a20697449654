import type { Router } from '@adonisjs/core/http'
import { middleware } from '#extensions/http'
import DeviceKeysController from './controllers/device_keys_controller.js'
import UserKeysController from './controllers/user_keys_controller.js'
import RoomKeysController from './controllers/room_keys_controller.js'

/**
 * e2e-keys routes, added by the plugin's `start` only: with the plugin
 * disabled they do not exist and answer 404. Device keys are per user (no
 * organization); room keys live under the room, in its organization. A
 * user `:id` matches UUIDs only, so `/users/username/public-key` stays the
 * core route of the user named "public-key".
 */
export function registerE2eRoutes(router: Router, settings: { maxDevices: number }) {
  const devices = new DeviceKeysController(settings.maxDevices)
  const users = new UserKeysController()
  const rooms = new RoomKeysController()

  router
    .group(() => {
      router.put('devices/:deviceId', (ctx) => devices.update(ctx)).as('devices.update')
      router.delete('devices/:deviceId', (ctx) => devices.destroy(ctx)).as('devices.destroy')
    })
    .prefix('/keys')
    .as('keys')
    .use(middleware.auth())

  router
    .group(() => {
      router.get(':id/public-key', (ctx) => users.publicKey(ctx)).as('publicKey')
      router.get(':id/key-log', (ctx) => users.keyLog(ctx)).as('keyLog')
    })
    .prefix('/users')
    .where('id', router.matchers.uuid())
    .as('users.keys')
    .use(middleware.auth())

  router
    .group(() => {
      router.get('rooms/:roomId/keys', (ctx) => rooms.index(ctx)).as('index')
      router.post('rooms/:roomId/keys', (ctx) => rooms.store(ctx)).as('store')
    })
    .prefix('/chat')
    .as('chat.rooms.keys')
    .use([middleware.auth(), middleware.org()])
}
