import type { HttpContext } from '@adonisjs/core/http'
import { serializer } from '#extensions/http'
import AddRoomKeyVersion from '../actions/add_room_key_version.js'
import KeyDirectory from '../actions/key_directory.js'
import {
  EnvelopeTransformer,
  RecipientTransformer,
  RoomKeyVersionTransformer,
} from '../transformers.js'
import { addRoomKeyVersionValidator, listRoomKeysValidator } from '../validators.js'

/** An encrypted room's key versions: the caller's envelopes, and uploading the next version. */
export default class RoomKeysController {
  async index({ request, params, actor }: HttpContext) {
    const input = await request.validateUsing(listRoomKeysValidator)
    const keys = await KeyDirectory.roomKeys(actor, params.roomId, input)
    return {
      data: {
        roomId: keys.room.id,
        currentVersion: keys.current?.version ?? 0,
        stale: keys.current ? Boolean(keys.current.staleAt) : true,
        envelopes: await serializer.serializeWithoutWrapping(
          EnvelopeTransformer.transform(keys.envelopes)
        ),
        recipients: await serializer.serializeWithoutWrapping(
          RecipientTransformer.transform(keys.recipients)
        ),
      },
    }
  }

  async store({ request, response, params, actor, serialize }: HttpContext) {
    const input = await request.validateUsing(addRoomKeyVersionValidator)
    const { version } = await AddRoomKeyVersion.handle(actor, params.roomId, input)
    response.status(201)
    return serialize(RoomKeyVersionTransformer.transform(version))
  }
}
