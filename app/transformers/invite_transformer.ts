import { DateTime } from 'luxon'
import { BaseTransformer } from '@adonisjs/core/transformers'
import type Invite from '#models/invite'
import type MailDelivery from '#models/mail_delivery'

/** What only the inviter sees, once, when the invite is created. */
export interface InviteSecret {
  token: string
  link: string
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
      emailSent: this.resource.mailDelivery?.status === 'sent',
      mail: mailState(this.resource.mailDelivery),
    }
  }

  /** The invite plus its token and link (shown once), and the mail's state. */
  withLink() {
    return {
      ...this.toObject(),
      token: this.secret?.token ?? null,
      link: this.secret?.link ?? null,
    }
  }
}

/**
 * What became of the invite mail: `logged` (no SMTP configured, it never
 * left the server), `queued`, `sent` or `failed`, with the attempts made and
 * the last error. Null for invites made before mail was tracked.
 */
function mailState(delivery: MailDelivery | null | undefined) {
  if (!delivery) return null
  return {
    status: delivery.status,
    attempts: delivery.attempts,
    lastError: delivery.lastError ?? null,
    sentAt: delivery.sentAt?.toISO() ?? null,
  }
}

function inviteStatus(invite: Invite) {
  if (invite.acceptedAt) return 'accepted'
  if (invite.revokedAt) return 'revoked'
  return invite.expiresAt <= DateTime.now() ? 'expired' : 'pending'
}
