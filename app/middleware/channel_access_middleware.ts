import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { NotFoundException } from '#exceptions/app_exception'
import { canAccessChannel, sseSessions } from '#realtime/sse'

/**
 * Guards Transmit's routes (it would answer a denied subscribe with a bare
 * 400): the SSE client id must belong to the caller, and a channel the
 * caller may not read is 404, as a foreign resource is on every other door;
 * an unknown stream is 404 too. Every answer is in the DESIGN.md shape.
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
    await next()
    if (isBareRefusal(ctx)) throw new NotFoundException('Unknown stream')
  }
}

/**
 * Transmit answers a subscribe it cannot serve with an empty, non-JSON 400;
 * past the checks above that only happens when no stream with this uid is
 * open on this node, which is answered in Parley's error shape instead.
 */
function isBareRefusal(ctx: HttpContext) {
  return ctx.response.getStatus() === 400 && ctx.response.lazyBody.content?.[0] === undefined
}
