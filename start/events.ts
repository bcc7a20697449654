/*
|--------------------------------------------------------------------------
| Domain event listeners
|--------------------------------------------------------------------------
|
| Listeners that turn domain events (emitted by actions after commit) into
| side effects. The real-time fan-out registers itself in
| providers/realtime_provider.ts; listeners here are lazily imported, but
| the webhook table registers every event it maps at once.
|
*/
import emitter from '@adonisjs/core/services/emitter'

const NotificationListener = () => import('#listeners/notification_listener')
const ActivityListener = () => import('#listeners/activity_listener')
const ThreadListener = () => import('#listeners/thread_listener')

emitter.on('message:created', [NotificationListener, 'messageCreated'])
emitter.on('message:created', [ActivityListener, 'messageCreated'])
emitter.on('message:read', [ActivityListener, 'messageRead'])
emitter.on('message:created', [ThreadListener, 'messageCreated'])

const { registerWebhookListener } = await import('#listeners/webhook_listener')
registerWebhookListener(emitter)
