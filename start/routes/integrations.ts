/*
|--------------------------------------------------------------------------
| Routes: integrations
|--------------------------------------------------------------------------
|
| Bots and their API keys, outgoing and incoming webhooks (issue 19). The
| admin routes resolve the organization from the path (404 to non-members,
| 403 below admin). `/hooks/incoming/:token` needs no bearer token: its
| secret URL is the credential.
|
*/
import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const BotsController = () => import('#controllers/bots_controller')
const BotKeysController = () => import('#controllers/bot_keys_controller')
const WebhooksController = () => import('#controllers/webhooks_controller')
const IncomingWebhooksController = () => import('#controllers/incoming_webhooks_controller')
const SlashCommandsController = () => import('#controllers/slash_commands_controller')

router
  .group(() => {
    router.get('/:orgId/bots', [BotsController, 'index']).as('bots.index')
    router.post('/:orgId/bots', [BotsController, 'store']).as('bots.store')
    router.get('/:orgId/bots/:botId', [BotsController, 'show']).as('bots.show')
    router.delete('/:orgId/bots/:botId', [BotsController, 'destroy']).as('bots.destroy')
    router.get('/:orgId/bots/:botId/keys', [BotKeysController, 'index']).as('bots.keys.index')
    router.post('/:orgId/bots/:botId/keys', [BotKeysController, 'store']).as('bots.keys.store')
    router
      .delete('/:orgId/bots/:botId/keys/:keyId', [BotKeysController, 'destroy'])
      .as('bots.keys.destroy')

    router.get('/:orgId/webhooks', [WebhooksController, 'index']).as('webhooks.index')
    router.post('/:orgId/webhooks', [WebhooksController, 'store']).as('webhooks.store')
    router.get('/:orgId/webhooks/:webhookId', [WebhooksController, 'show']).as('webhooks.show')
    router
      .patch('/:orgId/webhooks/:webhookId', [WebhooksController, 'update'])
      .as('webhooks.update')
    router
      .delete('/:orgId/webhooks/:webhookId', [WebhooksController, 'destroy'])
      .as('webhooks.destroy')
    router
      .get('/:orgId/webhooks/:webhookId/deliveries', [WebhooksController, 'deliveries'])
      .as('webhooks.deliveries')
    router
      .post('/:orgId/webhooks/:webhookId/rotate-secret', [WebhooksController, 'rotateSecret'])
      .as('webhooks.rotateSecret')

    router
      .get('/:orgId/incoming-webhooks', [IncomingWebhooksController, 'index'])
      .as('incomingWebhooks.index')
    router
      .post('/:orgId/incoming-webhooks', [IncomingWebhooksController, 'store'])
      .as('incomingWebhooks.store')
    router
      .delete('/:orgId/incoming-webhooks/:incomingWebhookId', [
        IncomingWebhooksController,
        'destroy',
      ])
      .as('incomingWebhooks.destroy')

    router.get('/:orgId/commands', [SlashCommandsController, 'index']).as('commands.index')
    router.post('/:orgId/commands', [SlashCommandsController, 'store']).as('commands.store')
    router.get('/:orgId/commands/:commandId', [SlashCommandsController, 'show']).as('commands.show')
    router
      .patch('/:orgId/commands/:commandId', [SlashCommandsController, 'update'])
      .as('commands.update')
    router
      .post('/:orgId/commands/:commandId/rotate-secret', [SlashCommandsController, 'rotateSecret'])
      .as('commands.rotateSecret')
    router
      .delete('/:orgId/commands/:commandId', [SlashCommandsController, 'destroy'])
      .as('commands.destroy')
  })
  .prefix('/organizations')
  .as('orgs')
  .use(middleware.auth())

router.post('/hooks/incoming/:token', [IncomingWebhooksController, 'post']).as('hooks.incoming')
