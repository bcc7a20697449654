import CreateBot from '#actions/bots/create_bot'
import DeleteBot from '#actions/bots/delete_bot'
import CreateApiKey from '#actions/bots/create_api_key'
import RevokeApiKey from '#actions/bots/revoke_api_key'
import CreateWebhook from '#actions/webhooks/create_webhook'
import UpdateWebhook from '#actions/webhooks/update_webhook'
import DeleteWebhook from '#actions/webhooks/delete_webhook'
import RotateWebhookSecret from '#actions/webhooks/rotate_webhook_secret'
import CreateIncomingWebhook from '#actions/incoming_webhooks/create_incoming_webhook'
import DeleteIncomingWebhook from '#actions/incoming_webhooks/delete_incoming_webhook'
import CreateCommand from '#actions/commands/create_command'
import DeleteCommand from '#actions/commands/delete_command'
import UpdateCommand from '#actions/commands/update_command'
import IncomingWebhookQueries from '#queries/incoming_webhooks'
import SlashCommandQueries from '#queries/slash_commands'
import IncomingWebhookTransformer from '#transformers/incoming_webhook_transformer'
import SlashCommandTransformer from '#transformers/slash_command_transformer'
import BotQueries from '#queries/bots'
import WebhookQueries from '#queries/webhooks'
import { adminActor } from '#queries/admin_lookup'
import { serializer } from '#transformers/serializer'
import BotTransformer from '#transformers/bot_transformer'
import ApiKeyTransformer from '#transformers/api_key_transformer'
import WebhookTransformer from '#transformers/webhook_transformer'
import WebhookDeliveryTransformer from '#transformers/webhook_delivery_transformer'
import { defineOperation } from '#admin/operation'
import {
  adminApiKeyRefValidator,
  adminBotRefValidator,
  adminCreateApiKeyValidator,
  adminCreateBotValidator,
  adminCreateWebhookValidator,
  adminListDeliveriesValidator,
  adminOrgRefValidator,
  adminWebhookRefValidator,
  adminRotateWebhookSecretValidator,
  adminCreateIncomingWebhookValidator,
  adminIncomingWebhookRefValidator,
} from '#validators/integrations'
import {
  adminCommandRefValidator,
  adminCreateCommandValidator,
  adminUpdateCommandValidator,
} from '#validators/commands'

const shape = serializer.serializeWithoutWrapping.bind(serializer)

/** chatctl `bot …`, `webhook …` and `command …`: an organization's integrations, as its owner would manage them. */
export const integrationOperations = {
  'bot:create': defineOperation('bot:create', {
    validator: adminCreateBotValidator,
    async handle(context, input) {
      const actor = await adminActor(context.principal, input.org)
      return shape(BotTransformer.transform(await CreateBot.handle(actor, input)))
    },
  }),
  'bot:list': defineOperation('bot:list', {
    validator: adminOrgRefValidator,
    async handle(context, input) {
      const actor = await adminActor(context.principal, input.org)
      return shape(BotTransformer.transform(await BotQueries.list(actor)))
    },
  }),
  'bot:delete': defineOperation('bot:delete', {
    validator: adminBotRefValidator,
    async handle(context, input) {
      const actor = await adminActor(context.principal, input.org)
      const bot = await BotQueries.byRef(actor, input.bot)
      await DeleteBot.handle(actor, bot.id)
      return { id: bot.id, username: bot.username, deleted: true }
    },
  }),
  'bot:key:create': defineOperation('bot:key:create', {
    validator: adminCreateApiKeyValidator,
    async handle(context, input) {
      const actor = await adminActor(context.principal, input.org)
      const bot = await BotQueries.byRef(actor, input.bot)
      const { key } = await CreateApiKey.handle(actor, bot.id, input)
      return shape(ApiKeyTransformer.transform(key).useVariant('withSecret'))
    },
  }),
  'bot:key:list': defineOperation('bot:key:list', {
    validator: adminBotRefValidator,
    async handle(context, input) {
      const actor = await adminActor(context.principal, input.org)
      const bot = await BotQueries.byRef(actor, input.bot)
      return shape(ApiKeyTransformer.transform(await BotQueries.keys(actor, bot.id)))
    },
  }),
  'bot:key:revoke': defineOperation('bot:key:revoke', {
    validator: adminApiKeyRefValidator,
    async handle(context, input) {
      const actor = await adminActor(context.principal, input.org)
      const bot = await BotQueries.byRef(actor, input.bot)
      await RevokeApiKey.handle(actor, bot.id, input.key)
      return { id: input.key, botId: bot.id, revoked: true }
    },
  }),
  'webhook:create': defineOperation('webhook:create', {
    validator: adminCreateWebhookValidator,
    async handle(context, input) {
      const actor = await adminActor(context.principal, input.org)
      const { webhook, secret } = await CreateWebhook.handle(actor, input)
      return shape(WebhookTransformer.transform(webhook, secret).useVariant('withSecret'))
    },
  }),
  'webhook:list': defineOperation('webhook:list', {
    validator: adminOrgRefValidator,
    async handle(context, input) {
      const actor = await adminActor(context.principal, input.org)
      return shape(WebhookTransformer.transform(await WebhookQueries.list(actor)))
    },
  }),
  'webhook:enable': defineOperation('webhook:enable', {
    validator: adminWebhookRefValidator,
    async handle(context, input) {
      const actor = await adminActor(context.principal, input.org)
      const webhook = await UpdateWebhook.handle(actor, input.webhook, { enabled: true })
      return shape(WebhookTransformer.transform(webhook))
    },
  }),
  'webhook:delete': defineOperation('webhook:delete', {
    validator: adminWebhookRefValidator,
    async handle(context, input) {
      const actor = await adminActor(context.principal, input.org)
      const webhook = await DeleteWebhook.handle(actor, input.webhook)
      return { id: webhook.id, deleted: true }
    },
  }),
  'webhook:deliveries': defineOperation('webhook:deliveries', {
    validator: adminListDeliveriesValidator,
    async handle(context, input) {
      const actor = await adminActor(context.principal, input.org)
      const page = await WebhookQueries.deliveries(actor, input.webhook, input)
      return shape(WebhookDeliveryTransformer.transform(page.all()))
    },
  }),
  'webhook:rotate-secret': defineOperation('webhook:rotate-secret', {
    validator: adminRotateWebhookSecretValidator,
    async handle(context, input) {
      const actor = await adminActor(context.principal, input.org)
      const { webhook, secret } = await RotateWebhookSecret.handle(actor, input.webhook, input)
      return shape(WebhookTransformer.transform(webhook, secret).useVariant('withSecret'))
    },
  }),
  'webhook:incoming:create': defineOperation('webhook:incoming:create', {
    validator: adminCreateIncomingWebhookValidator,
    async handle(context, input) {
      const actor = await adminActor(context.principal, input.org)
      const bot = await BotQueries.byRef(actor, input.bot)
      const { hook, token } = await CreateIncomingWebhook.handle(actor, {
        name: input.name,
        roomId: input.roomId,
        botId: bot.id,
      })
      return shape(IncomingWebhookTransformer.transform(hook, token).useVariant('withUrl'))
    },
  }),
  'webhook:incoming:list': defineOperation('webhook:incoming:list', {
    validator: adminOrgRefValidator,
    async handle(context, input) {
      const actor = await adminActor(context.principal, input.org)
      return shape(IncomingWebhookTransformer.transform(await IncomingWebhookQueries.list(actor)))
    },
  }),
  'webhook:incoming:delete': defineOperation('webhook:incoming:delete', {
    validator: adminIncomingWebhookRefValidator,
    async handle(context, input) {
      const actor = await adminActor(context.principal, input.org)
      await DeleteIncomingWebhook.handle(actor, input.hook)
      return { id: input.hook, deleted: true }
    },
  }),
  'command:create': defineOperation('command:create', {
    validator: adminCreateCommandValidator,
    async handle(context, input) {
      const actor = await adminActor(context.principal, input.org)
      const bot = await BotQueries.byRef(actor, input.botId)
      const { command, secret } = await CreateCommand.handle(actor, { ...input, botId: bot.id })
      return shape(SlashCommandTransformer.transform(command, secret).useVariant('withSecret'))
    },
  }),
  'command:list': defineOperation('command:list', {
    validator: adminOrgRefValidator,
    async handle(context, input) {
      const actor = await adminActor(context.principal, input.org)
      return shape(SlashCommandTransformer.transform(await SlashCommandQueries.list(actor)))
    },
  }),
  'command:update': defineOperation('command:update', {
    validator: adminUpdateCommandValidator,
    async handle(context, input) {
      const actor = await adminActor(context.principal, input.org)
      const command = await SlashCommandQueries.byRef(actor, input.command)
      const updated = await UpdateCommand.handle(actor, command.id, {
        url: input.url,
        description: input.description,
        usageHint: input.usageHint,
        roomIds: input.roomIds,
      })
      return shape(SlashCommandTransformer.transform(updated))
    },
  }),
  'command:delete': defineOperation('command:delete', {
    validator: adminCommandRefValidator,
    async handle(context, input) {
      const actor = await adminActor(context.principal, input.org)
      const command = await SlashCommandQueries.byRef(actor, input.command)
      await DeleteCommand.handle(actor, command.id)
      return { id: command.id, name: command.name, deleted: true }
    },
  }),
}
