import type { HttpContext } from '@adonisjs/core/http'
import CreateReport from '#actions/moderation/create_report'
import UpdateSlowMode from '#actions/moderation/update_slow_mode'
import MessageReportTransformer from '#transformers/message_report_transformer'
import { reportMessageValidator, slowModeValidator } from '#validators/moderation'

/** Members' side of moderation in chat: reporting a message; a room's slow mode. */
export default class MessageReportsController {
  /** POST /chat/messages/:messageId/report */
  async store({ params, actor, request, response, serialize }: HttpContext) {
    const { reason } = await request.validateUsing(reportMessageValidator)
    const report = await CreateReport.handle(actor, params.messageId, reason)
    response.status(201)
    return serialize(MessageReportTransformer.transform(report))
  }

  /** PUT /chat/rooms/:roomId/slow-mode (room admins, moderators and up). */
  async slowMode({ params, actor, request, serialize }: HttpContext) {
    const { seconds } = await request.validateUsing(slowModeValidator)
    return serialize(await UpdateSlowMode.handle(actor, params.roomId, seconds))
  }
}
