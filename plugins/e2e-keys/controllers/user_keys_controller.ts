import type { HttpContext } from '@adonisjs/core/http'
import { serializer } from '#extensions/http'
import KeyDirectory from '../actions/key_directory.js'
import { DeviceKeyTransformer, KeyLogEntryTransformer } from '../transformers.js'

/** Another user's public keys and key log (404 unless sharing an organization). */
export default class UserKeysController {
  async publicKey({ params, auth }: HttpContext) {
    const { user, devices } = await KeyDirectory.publicKeys(auth.getUserOrFail(), params.id)
    const data = await serializer.serializeWithoutWrapping(DeviceKeyTransformer.transform(devices))
    return { data: { userId: user.id, devices: data } }
  }

  async keyLog({ params, auth }: HttpContext) {
    const entries = await KeyDirectory.keyLog(auth.getUserOrFail(), params.id)
    const data = await serializer.serializeWithoutWrapping(
      KeyLogEntryTransformer.transform(entries)
    )
    const last = entries.at(-1)?.entry
    return { data, meta: { head: last ? { seq: last.seq, hash: last.hash } : null } }
  }
}
