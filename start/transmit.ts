/*
|--------------------------------------------------------------------------
| SSE channel rules
|--------------------------------------------------------------------------
|
| The routes are guarded by ChannelAccessMiddleware (404 for a foreign
| channel); Transmit's own authorization repeats the same scoped lookup so a
| subscription can never bypass it.
|
*/
import transmit from '@adonisjs/transmit/services/main'
import type { HttpContext } from '@adonisjs/core/http'
import { canAccessChannel, sseSessions } from '#realtime/sse'

const allow = (ctx: HttpContext, channel: string) =>
  canAccessChannel(ctx.auth.getUserOrFail().id, channel)

transmit.authorize<{ id: string }>('users/:id', (ctx, { id }) => allow(ctx, `users/${id}`))
transmit.authorize<{ orgId: string }>('orgs/:orgId', (ctx, { orgId }) =>
  allow(ctx, `orgs/${orgId}`)
)
transmit.authorize<{ orgId: string; roomId: string }>('orgs/:orgId/rooms/:roomId', (ctx, p) =>
  allow(ctx, `orgs/${p.orgId}/rooms/${p.roomId}`)
)

transmit.on('disconnect', ({ uid }) => sseSessions.release(uid))
