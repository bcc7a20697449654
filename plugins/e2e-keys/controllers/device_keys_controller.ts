import type { HttpContext } from '@adonisjs/core/http'
import RegisterDeviceKey from '../actions/register_device_key.js'
import RevokeDeviceKey from '../actions/revoke_device_key.js'
import { DeviceKeyTransformer } from '../transformers.js'
import { registerDeviceKeyValidator } from '../validators.js'

/** The caller's device keys: register (idempotent PUT) and revoke. */
export default class DeviceKeysController {
  constructor(protected maxDevices: number) {}

  async update({ request, response, auth, serialize }: HttpContext) {
    const { params, ...input } = await request.validateUsing(registerDeviceKeyValidator)
    const user = auth.getUserOrFail()
    const result = await RegisterDeviceKey.handle(user, params.deviceId, input, this.maxDevices)
    response.status(result.created ? 201 : 200)
    return serialize(DeviceKeyTransformer.transform(result.device))
  }

  async destroy({ params, response, auth }: HttpContext) {
    await RevokeDeviceKey.handle(auth.getUserOrFail(), params.deviceId)
    return response.noContent()
  }
}
