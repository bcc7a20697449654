import logger from '@adonisjs/core/services/logger'
import { MailResponse } from '@adonisjs/mail'
import type { MailTransportContract, NodeMailerMessage } from '@adonisjs/mail/types'

/**
 * The mail transport when no SMTP server is configured (development,
 * tests): the message is written to the log, with a line that says plainly
 * that it was not sent, so nobody waits for a mail that never left.
 */
export class LogTransport implements MailTransportContract {
  /** Messages written by this process, newest last (read by tests). */
  static sent: NodeMailerMessage[] = []

  async send(message: NodeMailerMessage) {
    LogTransport.sent.push(message)
    logger.warn(
      { to: message.to, subject: message.subject, text: message.text },
      'mail NOT sent: no SMTP server is configured (set SMTP_HOST), so it was only written to this log'
    )
    const to = ([] as unknown[]).concat(message.to ?? []).map(String)
    return new MailResponse(
      `log-${Date.now()}`,
      { from: String(message.from ?? ''), to },
      undefined
    )
  }
}
