import type { HttpContext, Router } from '@adonisjs/core/http'
import { middleware } from '#extensions/http'
import {
  DeviceTransformer,
  RegisterDevice,
  RemoveDevice,
  registerDeviceValidator,
} from './devices.js'

/** The caller's push devices. Registered by the plugin's boot only: disabled, the routes are 404. */
export class DevicesController {
  async store({ request, response, auth, serialize }: HttpContext) {
    const input = await request.validateUsing(registerDeviceValidator)
    const { device, created } = await RegisterDevice.handle(auth.getUserOrFail(), input)
    response.status(created ? 201 : 200)
    return serialize(DeviceTransformer.transform(device))
  }

  async destroy({ params, response, auth }: HttpContext) {
    await RemoveDevice.handle(auth.getUserOrFail(), params.id)
    return response.noContent()
  }
}

/** Adds `POST /devices` and `DELETE /devices/:id` (token auth; devices are per user). */
export function registerDeviceRoutes(router: Router) {
  router
    .group(() => {
      router.post('/', [DevicesController, 'store']).as('store')
      router.delete(':id', [DevicesController, 'destroy']).as('destroy')
    })
    .prefix('/devices')
    .where('id', router.matchers.uuid())
    .as('devices')
    .use(middleware.auth())
}
