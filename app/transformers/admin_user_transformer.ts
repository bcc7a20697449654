import { BaseTransformer } from '@adonisjs/core/transformers'
import type User from '#models/user'
import UserTransformer from '#transformers/user_transformer'

/** An account as server admins see it (chatctl): the self view plus its status. */
export default class AdminUserTransformer extends BaseTransformer<User> {
  toObject() {
    return {
      ...new UserTransformer(this.resource).forSelf(),
      deactivatedAt: this.resource.deactivatedAt?.toISO() ?? null,
    }
  }
}
