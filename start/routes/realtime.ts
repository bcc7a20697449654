/*
|--------------------------------------------------------------------------
| Routes: realtime (Transmit SSE)
|--------------------------------------------------------------------------
|
| __transmit/events, __transmit/subscribe, __transmit/unsubscribe, each
| authenticated and guarded by the channel access middleware.
|
*/
import transmit from '@adonisjs/transmit/services/main'
import { middleware } from '#start/kernel'

transmit.registerRoutes((route) => {
  if (route.getPattern().endsWith('/events')) route.use(middleware.queryToken())
  route.use([middleware.auth(), middleware.channelAccess()])
})
