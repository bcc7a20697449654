import { randomBytes } from 'node:crypto'
import { committedTransaction } from '#services/committed_transaction'
import emitter from '@adonisjs/core/services/emitter'
import type User from '#models/user'
import Organization from '#models/organization'
import Membership from '#models/membership'
import { AppException } from '#exceptions/app_exception'
import { isUniqueViolation } from '#services/unique_violation'
import { slugify } from '#actions/orgs/slugify'
import { assertMayCreateOrganization } from '#domain/auth/signup_policy'

export interface CreateOrganizationInput {
  name: string
  slug?: string
}

/** Settings of a new organization, explicit so every reader sees the same defaults. */
export const DEFAULT_SETTINGS = {
  maxMembers: null,
  allowChannelMentions: true,
  description: null,
  requireTwoFactor: false,
}

const SLUG_INDEX = 'organizations_slug_unique'

/**
 * Creates an organization with its creator as the owner, and makes it the
 * creator's active organization when they had none. An explicit slug that is
 * taken is a 422 on `slug`; a slug derived from the name gets a random suffix
 * instead, so creating "Acme" twice just works. The unique index decides.
 * `handle` is for trusted callers (chatctl `org create`); users go through
 * `bySelf`, where the server's signup policy decides who may.
 */
export default class CreateOrganization {
  /** A user creates an organization (`POST /organizations`), if the signup policy lets them. */
  static async bySelf(user: User, input: CreateOrganizationInput) {
    await assertMayCreateOrganization(user)
    return this.handle(user, input)
  }

  static async handle(user: User, input: CreateOrganizationInput) {
    const base = input.slug ?? slugify(input.name)
    for (let attempt = 0; ; attempt++) {
      const slug = attempt === 0 ? base : `${base.slice(0, 57)}-${randomBytes(3).toString('hex')}`
      try {
        return await this.insert(user, input.name, slug)
      } catch (error) {
        if (!isUniqueViolation(error, SLUG_INDEX)) throw error
        if (input.slug || attempt >= 4) throw slugTaken()
      }
    }
  }

  private static async insert(user: User, name: string, slug: string) {
    const { organization, membership } = await committedTransaction(async (trx) => {
      const org = await Organization.create(
        { name, slug, settings: { ...DEFAULT_SETTINGS } },
        { client: trx }
      )
      const owner = await Membership.create(
        { organizationId: org.id, userId: user.id, role: 'owner' },
        { client: trx }
      )
      if (!user.activeOrganizationId) {
        user.useTransaction(trx)
        user.activeOrganizationId = org.id
        await user.save()
      }
      return { organization: org, membership: owner }
    })
    emitter.emit('org:member_added', {
      organizationId: organization.id,
      userId: user.id,
      role: 'owner',
      addedById: user.id,
    })
    return { organization, membership }
  }
}

function slugTaken() {
  return new AppException('This slug is already taken', {
    status: 422,
    code: 'E_VALIDATION_ERROR',
    field: 'slug',
  })
}
