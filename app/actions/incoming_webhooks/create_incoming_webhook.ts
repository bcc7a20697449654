import emitter from '@adonisjs/core/services/emitter'
import { audit, auditIntegration } from '#domain/bots/audit'
import type { Actor } from '#types/actor'
import IncomingWebhook from '#models/incoming_webhook'
import RoomMember from '#models/room_member'
import { authorize } from '#services/authorizer'
import { ConflictException } from '#exceptions/app_exception'
import { findBot } from '#domain/bots/bot_lookup'
import { assertOrgRooms } from '#domain/webhooks/webhook_lookup'
import { newInviteToken } from '#actions/invites/invite_token'

export interface CreateIncomingWebhookInput {
  name: string
  roomId: string
  botId: string
}

/**
 * Creates an incoming webhook (owners and admins): a secret URL whose posts
 * become messages of one of the organization's bots in one of its rooms.
 * The bot must already be a member of the room (409 E_BOT_NOT_IN_ROOM);
 * another organization's bot or room is 404. The URL token is in the answer
 * once; only its sha256 is stored.
 */
export default class CreateIncomingWebhook {
  static async handle(actor: Actor, input: CreateIncomingWebhookInput) {
    await authorize(actor, 'manageOrgSettings')
    const bot = await findBot(actor.organization.id, input.botId)
    await assertOrgRooms(actor.organization.id, [input.roomId])
    const inRoom = await RoomMember.query()
      .where('room_id', input.roomId)
      .where('user_id', bot.id)
      .first()
    if (!inRoom) {
      throw new ConflictException('Add the bot to the room first', 'E_BOT_NOT_IN_ROOM')
    }
    const { token, tokenHash } = newInviteToken()
    const hook = await IncomingWebhook.create({
      organizationId: actor.organization.id,
      roomId: input.roomId,
      botId: bot.id,
      name: input.name,
      tokenHash,
      createdById: actor.user.id,
    })
    await auditIntegration(
      actor,
      'incoming_webhook.created',
      { type: 'incoming_webhook', id: hook.id },
      { name: hook.name, roomId: hook.roomId, botId: bot.id }
    )
    emitter.emit('incoming_webhook:created', audit(actor, hook.id))
    return { hook, token }
  }
}
