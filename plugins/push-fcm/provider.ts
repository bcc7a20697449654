import type { ApplicationService } from '@adonisjs/core/types'
import { deleteApp, initializeApp, type App } from 'firebase-admin/app'
import { getMessaging } from 'firebase-admin/messaging'
import type { PluginHooks } from '#extensions/plugin'
import { pushDispatcher } from '#extensions/push'
import { jobs } from '#extensions/jobs'
import { defineConfig, type PushFcmConfig, type PushFcmEnv } from './define_config.js'
import { FcmAgent } from './fcm_agent.js'
import { AgentServiceAccountCredential } from './fcm_credential.js'
import { registerOpenApiPaths } from '#extensions/openapi'
import { FcmSender, SEND_QUEUE, type SendJob } from './fcm_sender.js'

/**
 * push-fcm's lifecycle. The config (service account, CA) is read when the
 * plugin loads, so a bad setting stops the boot. `boot` creates the
 * Firebase app on the plugin's agent with the HTTP/1.1 transport and
 * registers the sender and its queue; `start` adds the `/devices` routes
 * (the HTTP kernel exists by then); `shutdown` releases the app and the
 * agent's sockets. Nothing of this exists when the plugin is disabled.
 */
export default class PushFcmProvider implements PluginHooks {
  protected config: PushFcmConfig
  #agent?: FcmAgent
  #firebase?: App

  constructor(
    protected app: ApplicationService,
    env: PushFcmEnv
  ) {
    this.config = defineConfig(env)
  }

  async boot() {
    this.#agent = new FcmAgent(this.config)
    this.#firebase = initializeApp(
      {
        credential: new AgentServiceAccountCredential(this.config.serviceAccount, this.#agent),
        projectId: this.config.projectId,
        httpAgent: this.#agent,
      },
      `parley-push-fcm-${crypto.randomUUID()}`
    )
    const messaging = getMessaging(this.#firebase)
    messaging.enableLegacyHttpTransport()
    const sender = new FcmSender(messaging, jobs)
    pushDispatcher.register(sender)
    await jobs.define<SendJob>({
      name: SEND_QUEUE,
      queue: {
        retryLimit: this.config.retryLimit,
        retryDelay: this.config.retryDelaySeconds,
        retryBackoff: true,
        retryDelayMax: 3600,
      },
      worker: {
        options: {
          batchSize: this.config.batchSize,
          burstWhenBatchFull: true,
          perJobResults: true,
          pollingIntervalSeconds: 1,
        },
        handler: (batch) => sender.deliver(batch),
      },
    })
  }

  async start() {
    const router = await this.app.container.make('router')
    const { registerDeviceRoutes } = await import('./routes.js')
    const { pushFcmPaths } = await import('./openapi.js')
    registerDeviceRoutes(router)
    registerOpenApiPaths(pushFcmPaths)
  }

  async shutdown() {
    pushDispatcher.unregister('push-fcm')
    if (this.#firebase) await deleteApp(this.#firebase)
    this.#agent?.destroy()
  }
}
