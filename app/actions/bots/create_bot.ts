import { randomBytes } from 'node:crypto'
import emitter from '@adonisjs/core/services/emitter'
import { audit, auditIntegration } from '#domain/bots/audit'
import type { Actor } from '#types/actor'
import Membership from '#models/membership'
import RegisterUser from '#actions/auth/register_user'
import { authorize } from '#services/authorizer'
import { committedTransaction } from '#services/committed_transaction'
import { assertHasRoom, lockOrganization } from '#actions/orgs/membership_rules'

export interface CreateBotInput {
  username: string
  displayName?: string
}

/**
 * Creates a bot account owned by the actor's organization (owners and
 * admins): a member of that organization only, with no usable password (a
 * random one nobody ever sees; login refuses bots anyway) and an address
 * under the reserved `.invalid` domain, so no mail or invite can reach it.
 * It acts through API keys (CreateApiKey). Usernames share the people's
 * namespace (409 E_USERNAME_TAKEN). `org:member_added` goes out after commit.
 */
export default class CreateBot {
  static async handle(actor: Actor, input: CreateBotInput) {
    await authorize(actor, 'manageOrgSettings')
    const bot = await committedTransaction(async (trx) => {
      const organization = await lockOrganization(actor.organization.id, trx)
      await assertHasRoom(organization, trx)
      const user = await RegisterUser.handle(
        {
          email: `bot-${randomBytes(12).toString('hex')}@bots.parley.invalid`,
          username: input.username,
          password: randomBytes(32).toString('base64url'),
          displayName: input.displayName,
        },
        { trx }
      )
      user.merge({
        botOrganizationId: organization.id,
        botCreatedById: actor.user.id,
        activeOrganizationId: organization.id,
      })
      await user.useTransaction(trx).save()
      await Membership.create(
        { organizationId: organization.id, userId: user.id, role: 'member' },
        { client: trx }
      )
      await auditIntegration(
        actor,
        'bot.created',
        { type: 'bot', id: user.id },
        { username: user.username },
        trx
      )
      return user
    })
    emitter.emit('org:member_added', {
      organizationId: actor.organization.id,
      userId: bot.id,
      role: 'member',
      addedById: actor.user.id,
    })
    emitter.emit('bot:created', audit(actor, bot.id))
    return bot
  }
}
