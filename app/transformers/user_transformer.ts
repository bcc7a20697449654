import { BaseTransformer } from '@adonisjs/core/transformers'
import type User from '#models/user'

/**
 * A user as other people see them (`toObject`), and as they see themselves
 * (`forSelf`, with email and active organization).
 */
export default class UserTransformer extends BaseTransformer<User> {
  toObject() {
    return {
      ...this.pick(this.resource, ['id', 'username', 'displayName']),
      avatarUrl: this.resource.avatarKey ? `/users/${this.resource.id}/avatar` : null,
      lastSeenAt: this.resource.lastSeenAt?.toISO() ?? null,
    }
  }

  forSelf() {
    return {
      ...this.toObject(),
      email: this.resource.email,
      activeOrganizationId: this.resource.activeOrganizationId ?? null,
      isAdmin: this.resource.isAdmin ?? false,
      createdAt: this.resource.createdAt.toISO(),
    }
  }
}
