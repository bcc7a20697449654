/*
|--------------------------------------------------------------------------
| Domain event listeners
|--------------------------------------------------------------------------
|
| Listeners that turn domain events (emitted by actions after commit) into
| side effects. The real-time fan-out registers itself in
| providers/realtime_provider.ts; listeners here are lazily imported.
|
*/
import emitter from '@adonisjs/core/services/emitter'

const NotificationListener = () => import('#listeners/notification_listener')

emitter.on('message:created', [NotificationListener, 'messageCreated'])
