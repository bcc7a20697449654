import { DateTime } from 'luxon'
import { BaseTransformer } from '@adonisjs/core/transformers'
import type Invite from '#models/invite'

/** What only the inviter sees, once, when the invite is created. */
export interface InviteSecret {
  token: string
  link: string
  emailSent: boolean
}

/**
 * An invite as admins see it. The token is never stored in clear, so it can
 * only be shown by `withLink`, right after creation (the `InviteSecret`).
 */
export default class InviteTransformer extends BaseTransformer<Invite> {
  constructor(
    resource: Invite,
    protected secret?: InviteSecret
  ) {
    super(resource)
  }

  toObject() {
    return {
      ...this.pick(this.resource, ['id', 'organizationId', 'email', 'role', 'invitedById']),
      status: inviteStatus(this.resource),
      expiresAt: this.resource.expiresAt.toISO(),
      createdAt: this.resource.createdAt.toISO(),
    }
  }

  /** The invite plus its token, link and whether the mail went out. */
  withLink() {
    return {
      ...this.toObject(),
      token: this.secret?.token ?? null,
      link: this.secret?.link ?? null,
      emailSent: this.secret?.emailSent ?? false,
    }
  }
}

function inviteStatus(invite: Invite) {
  if (invite.acceptedAt) return 'accepted'
  if (invite.revokedAt) return 'revoked'
  return invite.expiresAt <= DateTime.now() ? 'expired' : 'pending'
}
