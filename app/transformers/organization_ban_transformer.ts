import { BaseTransformer } from '@adonisjs/core/transformers'
import type OrganizationBan from '#models/organization_ban'
import UserTransformer from '#transformers/user_transformer'

/** A ban, with the banned account's public summary (never its address). */
export default class OrganizationBanTransformer extends BaseTransformer<OrganizationBan> {
  toObject() {
    return {
      ...this.pick(this.resource, ['userId', 'organizationId', 'bannedById', 'reason']),
      createdAt: this.resource.createdAt.toISO(),
      user: UserTransformer.transform(this.whenLoaded(this.resource.user)),
    }
  }
}
