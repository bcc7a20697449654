import CreateOrganization from '#actions/orgs/create_organization'
import CreateAccount from '#actions/admin/create_account'
import User from '#models/user'

export interface CreateOrganizationWithOwnerInput {
  name: string
  slug?: string
  ownerEmail: string
  ownerUsername?: string
}

/**
 * Bootstraps an organization and its owner (chatctl `org create`). An
 * existing account with that email becomes the owner; otherwise one is
 * created with a one-time password (its username from the email unless
 * given). If the organization cannot be created, an account created here is
 * deleted again, so a failed bootstrap leaves nothing behind.
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
      return {
        organization,
        membership,
        owner,
        ownerCreated: Boolean(created),
        oneTimePassword: created?.oneTimePassword ?? null,
      }
    } catch (error) {
      if (created) await created.user.delete()
      throw error
    }
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
