import logger from '@adonisjs/core/services/logger'
import { MailResponse } from '@adonisjs/mail'
import type { MailTransportContract, NodeMailerMessage } from '@adonisjs/mail/types'

/**
 * A mail transport for development and tests: writes the message to the
 * log instead of sending it, so invite links are visible without SMTP.
 */
export class LogTransport implements MailTransportContract {
  /** Messages sent by this process, newest last (read by tests). */
  static sent: NodeMailerMessage[] = []

  async send(message: NodeMailerMessage) {
    LogTransport.sent.push(message)
    logger.info({ to: message.to, subject: message.subject, text: message.text }, 'mail (logged)')
    const to = ([] as unknown[]).concat(message.to ?? []).map(String)
    return new MailResponse(
      `log-${Date.now()}`,
      { from: String(message.from ?? ''), to },
      undefined
    )
  }
}
