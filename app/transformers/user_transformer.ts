import { createHash } from 'node:crypto'
import { BaseTransformer } from '@adonisjs/core/transformers'
import type User from '#models/user'

/**
 * The avatar's URL, with a version that changes with the image, so a browser
 * that cached the previous one (`Cache-Control: private, max-age=300`) loads
 * the new one at once. The version is a hash: it tells nothing of the file.
 */
function avatarUrl(user: User) {
  if (!user.avatarKey) return null
  const version = createHash('sha256').update(user.avatarKey).digest('base64url').slice(0, 12)
  return `/users/${user.id}/avatar?v=${version}`
}

/**
 * A user as other people see them (`toObject`; `isBot` marks bot accounts), and as they see themselves
 * (`forSelf`, with email, active organization and account security state).
 */
export default class UserTransformer extends BaseTransformer<User> {
  toObject() {
    return {
      ...this.pick(this.resource, ['id', 'username', 'displayName']),
      avatarUrl: avatarUrl(this.resource),
      lastSeenAt: this.resource.lastSeenAt?.toISO() ?? null,
      isBot: Boolean(this.resource.botOrganizationId),
    }
  }

  forSelf() {
    return {
      ...this.toObject(),
      email: this.resource.email,
      activeOrganizationId: this.resource.activeOrganizationId ?? null,
      isAdmin: this.resource.isAdmin ?? false,
      emailVerified: Boolean(this.resource.emailVerifiedAt),
      twoFactorEnabled: Boolean(this.resource.twoFactorEnabledAt),
      createdAt: this.resource.createdAt.toISO(),
    }
  }
}
