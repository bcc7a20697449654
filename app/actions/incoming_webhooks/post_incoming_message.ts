import { DateTime } from 'luxon'
import IncomingWebhook from '#models/incoming_webhook'
import User from '#models/user'
import SendMessage from '#actions/messages/send_message'
import { actorFor } from '#services/org_context'
import { spendSendBudget } from '#services/send_budget'
import { NotFoundException } from '#exceptions/app_exception'
import { hashInviteToken } from '#actions/invites/invite_token'

/**
 * Posts the text an incoming webhook received as its bot, in its room,
 * through the one send path (seq, commit before the answer, fan-out,
 * notifications, search index, outgoing webhooks). An unknown token, a
 * deleted bot or a bot no longer in the room is 404, with nothing stored.
 * Posts spend the bot's send budget (429 with Retry-After beyond it).
 */
export default class PostIncomingMessage {
  static async handle(token: string, input: { text: string }) {
    const hook = await IncomingWebhook.findBy('token_hash', hashInviteToken(token))
    if (!hook) throw new NotFoundException('Incoming webhook not found')
    const bot = await User.find(hook.botId)
    if (!bot || bot.deactivatedAt) throw new NotFoundException('Incoming webhook not found')
    const actor = await actorFor(bot, hook.organizationId)
    await spendSendBudget(bot.id)
    const { message } = await SendMessage.handle(actor, {
      roomId: hook.roomId,
      content: input.text,
    })
    await IncomingWebhook.query()
      .where('id', hook.id)
      .update({ last_used_at: DateTime.now().toSQL() })
    return message
  }
}
