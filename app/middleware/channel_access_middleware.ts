import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { NotFoundException } from '#exceptions/app_exception'
import { canAccessChannel, sseSessions } from '#realtime/sse'

/**
 * Guards Transmit's routes (it would answer a denied subscribe with 400):
 * the SSE client id must belong to the caller, and a channel the caller may
 * not read is 404, as a foreign resource is on every other door.
 */
export default class ChannelAccessMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    const user = ctx.auth.getUserOrFail()
    const uid = ctx.request.input('uid')
    if (typeof uid !== 'string' || uid.length < 8 || uid.length > 128) {
      throw new NotFoundException('Unknown stream')
    }
    const tokenId = user.currentAccessToken?.identifier
    const claimed = sseSessions.claim(uid, user.id, tokenId ? String(tokenId) : undefined)
    if (!claimed) throw new NotFoundException('Unknown stream')

    const channel = ctx.request.input('channel')
    const isEventStream = ctx.request.url().endsWith('/events')
    if (!isEventStream && !(await canAccessChannel(user.id, channel))) {
      throw new NotFoundException('Channel not found')
    }
    return next()
  }
}
