import type { AddressInfo } from 'node:net'
import { SMTPServer } from 'smtp-server'
import { simpleParser } from 'mailparser'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import jobs from '#services/jobs'
import { jobsConnection } from '#providers/jobs_provider'
import { backgroundSettled } from '#services/background'
import { eventually } from '#tests/helpers/processes'
import { useSmtp } from '#tests/helpers/smtp'

/** One mail the sink received: envelope, subject, and its plain text and HTML parts. */
export interface ReceivedMail {
  from: string
  to: string[]
  subject: string
  text: string
  html: string
}

/**
 * A real SMTP server in the test process (`smtp-server`) on a free port,
 * configured as Parley's SMTP server (SMTP_HOST/SMTP_PORT) with the job
 * workers running until `close()`: mail takes the production path, a
 * `queued` delivery in mail_deliveries sent by the pg-boss mail job. With
 * `refuseFirst`, that many delivery attempts are refused with a temporary
 * 451 before the server accepts mail.
 */
export async function startSmtpSink(options: { refuseFirst?: number } = {}) {
  const received: ReceivedMail[] = []
  const taken = new Set<ReceivedMail>()
  const waiters: { match: (m: ReceivedMail) => boolean; resolve: (m: ReceivedMail) => void }[] = []
  const counts = { attempts: 0, refused: 0 }
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(_address, _session, callback) {
      counts.attempts++
      if (counts.refused >= (options.refuseFirst ?? 0)) return callback()
      counts.refused++
      callback(Object.assign(new Error('Mailbox busy, try later'), { responseCode: 451 }))
    },
    onData(stream, session, callback) {
      const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : ''
      const to = session.envelope.rcptTo.map((rcpt) => rcpt.address)
      simpleParser(stream)
        .then((parsed) => {
          const message: ReceivedMail = {
            from,
            to,
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
            html: parsed.html || '',
          }
          received.push(message)
          for (const waiter of waiters.filter((w) => w.match(message))) {
            waiters.splice(waiters.indexOf(waiter), 1)
            waiter.resolve(message)
          }
          callback()
        })
        .catch(callback)
    },
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.server.address() as AddressInfo
  const undoSmtp = await useSmtp(port)
  await jobs.start(await jobsConnection(app))

  return {
    received,
    /** RCPT TO commands seen, refused ones included: one per delivery attempt. */
    get attempts() {
      return counts.attempts
    },
    /** The next mail to `to` not yet taken by an earlier `next`. */
    next(to: string): Promise<ReceivedMail> {
      const match = (m: ReceivedMail) => m.to.includes(to) && !taken.has(m)
      const already = received.find(match)
      const found = already
        ? Promise.resolve(already)
        : new Promise<ReceivedMail>((resolve) => waiters.push({ match, resolve }))
      return found.then((message) => {
        taken.add(message)
        return message
      })
    },
    /** Waits for every queued mail to be sent or failed, then stops the workers and the server. */
    async close() {
      await backgroundSettled()
      await eventually(
        async () => {
          const [row] = await db.from('mail_deliveries').where('status', 'queued').count('* as n')
          return Number(row.n) === 0
        },
        30_000,
        () => 'mail was still queued when the test ended'
      )
      await jobs.stop()
      await undoSmtp()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

/** The first link in a mail's text that starts with `prefix`, and its token (last path segment). */
export function linkIn(message: ReceivedMail, prefix: string) {
  const link = message.text.split(/\s+/).find((word) => word.includes(prefix))
  if (!link) throw new Error(`no ${prefix} link in: ${message.text}`)
  return { link, token: link.slice(link.lastIndexOf('/') + 1) }
}
