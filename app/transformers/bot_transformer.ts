import { BaseTransformer } from '@adonisjs/core/transformers'
import type User from '#models/user'
import UserTransformer from '#transformers/user_transformer'

/** A bot as its organization's admins see it: the public user shape plus its owner and creator. */
export default class BotTransformer extends BaseTransformer<User> {
  toObject() {
    return {
      ...new UserTransformer(this.resource).toObject(),
      organizationId: this.resource.botOrganizationId!,
      createdById: this.resource.botCreatedById,
      createdAt: this.resource.createdAt.toISO(),
    }
  }
}
