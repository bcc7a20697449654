import CreateOrganization from '#actions/orgs/create_organization'
import CreateAccount from '#actions/admin/create_account'
import User from '#models/user'
import { issueAccountToken, SET_PASSWORD_LIFETIME_MS } from '#domain/auth/account_tokens'
import { accountLink } from '#mails/account_mails'

export interface CreateOrganizationWithOwnerInput {
  name: string
  slug?: string
  ownerEmail: string
  ownerUsername?: string
  /** Print a one-time password for a new owner instead of a set-password link. */
  oneTimePassword?: boolean
}

/**
 * Bootstraps an organization and its owner (chatctl `org create`). An
 * existing account with that email becomes the owner; otherwise one is
 * created with a one-time password (its username from the email unless
 * given) and a set-password link (the password reset page, valid for a
 * week) for the admin to pass on; its random password is never shown. With
 * `oneTimePassword`, a one-time password is returned instead. If the
 * organization cannot be created, an account created here is deleted again,
 * so a failed bootstrap leaves nothing behind.
 */
export default class CreateOrganizationWithOwner {
  static async handle(input: CreateOrganizationWithOwnerInput) {
    const existing = await User.query().whereRaw('lower(email) = ?', [input.ownerEmail]).first()
    const created = existing
      ? null
      : await CreateAccount.handle({
          email: input.ownerEmail,
          username: input.ownerUsername ?? usernameFrom(input.ownerEmail),
        })
    const owner = existing ?? created!.user
    try {
      const { organization, membership } = await CreateOrganization.handle(owner, {
        name: input.name,
        slug: input.slug,
      })
      const link = created && !input.oneTimePassword ? await setPasswordLink(owner) : null
      return {
        organization,
        membership,
        owner,
        ownerCreated: Boolean(created),
        oneTimePassword: input.oneTimePassword ? (created?.oneTimePassword ?? null) : null,
        setPasswordLink: link?.url ?? null,
        setPasswordExpiresAt: link?.expiresAt ?? null,
      }
    } catch (error) {
      if (created) await created.user.delete()
      throw error
    }
  }
}

/** A password reset link for a new account, valid for a week. */
async function setPasswordLink(owner: User) {
  const token = await issueAccountToken(
    owner,
    'reset_password',
    undefined,
    SET_PASSWORD_LIFETIME_MS
  )
  return {
    url: accountLink({ kind: 'reset_password', to: owner.email, token }),
    expiresAt: new Date(Date.now() + SET_PASSWORD_LIFETIME_MS).toISOString(),
  }
}

/** `Ada.Lovelace+x@example.com` → `ada.lovelace-x` (3–32 characters of the username rule). */
function usernameFrom(email: string) {
  const base = email
    .split('@')[0]
    .toLowerCase()
    .replace(/[^a-z0-9_.-]/g, '-')
    .replace(/^[^a-z0-9]+/, '')
    .slice(0, 32)
  return base.length >= 3 ? base : `${base}-user`.slice(0, 32)
}
