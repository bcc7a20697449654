import { BaseTransformer } from '@adonisjs/core/transformers'
import type Organization from '#models/organization'
import type { Role } from '#models/membership'

/**
 * An organization as its members see it. `forMember` adds the caller's own
 * role, which clients need to decide which admin screens to show.
 */
export default class OrganizationTransformer extends BaseTransformer<Organization> {
  /** The caller's role when known up front (show, create); lists read `$extras.role`. */
  constructor(
    resource: Organization,
    protected role?: Role
  ) {
    super(resource)
  }

  toObject() {
    const settings = this.resource.settings ?? {}
    return {
      ...this.pick(this.resource, ['id', 'name', 'slug']),
      settings: {
        maxMembers: settings.maxMembers ?? null,
        allowChannelMentions: settings.allowChannelMentions ?? true,
        description: settings.description ?? null,
        requireTwoFactor: settings.requireTwoFactor ?? false,
      },
      createdAt: this.resource.createdAt.toISO(),
    }
  }

  /** Adds the caller's role: the constructor's, else `$extras.role` (OrgQueries.organizationsOf). */
  forMember() {
    const role = this.role ?? (this.resource.$extras.role as Role | undefined)
    return { ...this.toObject(), role: role ?? null }
  }
}
