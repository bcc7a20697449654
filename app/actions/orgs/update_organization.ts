import emitter from '@adonisjs/core/services/emitter'
import { committedTransaction } from '#services/committed_transaction'
import type { Actor } from '#types/actor'
import type { OrganizationSettings } from '#models/organization'
import { authorize } from '#services/authorizer'
import { lockOrganization } from '#actions/orgs/membership_rules'
import { AppException } from '#exceptions/app_exception'

export interface UpdateOrganizationInput {
  name?: string
  settings?: OrganizationSettings
}

/**
 * Renames an organization and/or changes its settings (owners and admins).
 * Settings are merged: a key left out keeps its value, `null` clears it.
 * Lowering `maxMembers` below the current count is allowed: it only blocks
 * new members (invites and accepts answer 409 E_ORGANIZATION_FULL). The row
 * is locked while merging, so two concurrent edits of different keys both stick.
 * `org:updated` follows the commit (nodes drop the actors they keep for it).
 * Requiring two-factor authentication needs it on the caller's own account,
 * so nobody locks themselves out.
 */
export default class UpdateOrganization {
  static async handle(actor: Actor, input: UpdateOrganizationInput) {
    await authorize(actor, 'manageOrgSettings')
    if (input.settings?.requireTwoFactor && !actor.user.twoFactorEnabledAt) {
      throw new AppException(
        'Turn on two-factor authentication for your own account before requiring it of members',
        { status: 409, code: 'E_TWO_FACTOR_REQUIRED' }
      )
    }
    const updated = await committedTransaction(async (trx) => {
      const organization = await lockOrganization(actor.organization.id, trx)
      if (input.name !== undefined) organization.name = input.name
      if (input.settings) {
        const changes = Object.fromEntries(
          Object.entries(input.settings).filter(([, value]) => value !== undefined)
        )
        organization.settings = { ...organization.settings, ...changes }
      }
      await organization.useTransaction(trx).save()
      return organization
    })
    emitter.emit('org:updated', { organizationId: updated.id })
    return updated
  }
}
