import { BaseTransformer } from '@adonisjs/core/transformers'
import type Membership from '#models/membership'
import UserTransformer from '#transformers/user_transformer'

/**
 * A member of an organization: the user's public summary plus their role.
 * `userId` is the id the member routes take (`/members/:memberId`).
 */
export default class MembershipTransformer extends BaseTransformer<Membership> {
  toObject() {
    return {
      ...this.pick(this.resource, ['userId', 'organizationId', 'role']),
      joinedAt: this.resource.createdAt.toISO(),
      user: UserTransformer.transform(this.whenLoaded(this.resource.user)),
    }
  }

  /** A member with their mute, for moderators (the mute and unmute answers). */
  withMute() {
    return { ...this.toObject(), mutedUntil: this.resource.mutedUntil?.toISO() ?? null }
  }
}
