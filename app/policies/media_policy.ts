import { BasePolicy } from '@adonisjs/bouncer'
import type { AuthorizerResponse } from '@adonisjs/bouncer/types'
import type { Actor } from '#types/actor'
import type MediaAsset from '#models/media_asset'
import { roleCan } from '#policies/permissions'

/** Decides what an actor may do to a file of a room they are in. */
export default class MediaPolicy extends BasePolicy {
  /** Deleting: its uploader, or a moderator and up of the organization. */
  delete(actor: Actor, asset: MediaAsset): AuthorizerResponse {
    return (
      asset.uploaderId === actor.user.id || roleCan(actor.membership.role, 'deleteOthersMessages')
    )
  }
}
