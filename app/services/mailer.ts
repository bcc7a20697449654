import { DateTime } from 'luxon'
import mail from '@adonisjs/mail/services/main'
import logger from '@adonisjs/core/services/logger'
import encryption from '@adonisjs/core/services/encryption'
import type { Job } from 'pg-boss'
import env from '#start/env'
import jobs, { type QueueDefinition } from '#services/jobs'
import MailDelivery from '#models/mail_delivery'

/** A mail to send: a subject, and its body as plain text and as HTML. */
export interface OutgoingMail {
  /** What it is for (`invite`, `password_reset`, …), kept with its delivery. */
  kind: string
  to: string
  subject: string
  text: string
  html: string
}

/** Who the mail belongs to: an organization's deliveries go when it is deleted. */
export interface MailOwner {
  organizationId?: string | null
}

/** The job that sends one mail. */
export const MAIL_QUEUE = 'mail.send'

/** A mail job: the delivery to update, and the mail itself encrypted with APP_KEY. */
interface MailJob {
  deliveryId: string
  sealed: string
}

/** How often a mail is retried, and how far apart (seconds, doubling each time). */
export interface MailRetry {
  retryLimit: number
  retryDelay: number
}

/**
 * Whether mail can leave this server: SMTP_HOST is set. Read at each call,
 * so the answer always matches the transport `deliver` uses.
 */
export function smtpConfigured() {
  return Boolean(env.get('SMTP_HOST'))
}

/**
 * The one way Parley sends mail. Without SMTP, the mail is written to the
 * log (saying that it did not leave the server) and its delivery is
 * `logged`. With SMTP, a `queued` delivery is recorded and a job sends it
 * (retried with backoff, then `failed`), so no request waits on an SMTP
 * server. The returned delivery is what the caller reports (`emailSent`
 * only once its status is `sent`). Never throws for a mail problem: the
 * caller's own work is already done and its user still has what the mail
 * carried (an invite link, for one).
 */
export async function queueMail(message: OutgoingMail, owner: MailOwner = {}) {
  const configured = smtpConfigured()
  const delivery = await MailDelivery.create({
    organizationId: owner.organizationId ?? null,
    kind: message.kind,
    recipient: message.to,
    subject: message.subject.slice(0, 200),
    status: configured ? 'queued' : 'logged',
    attempts: 0,
  })
  if (!configured) {
    await sendThrough('log', message)
    return delivery
  }
  try {
    const sealed = encryption.encrypt(JSON.stringify(message))
    await jobs.insert<MailJob>(MAIL_QUEUE, [{ data: { deliveryId: delivery.id, sealed } }])
  } catch (error) {
    logger.error({ err: error, deliveryId: delivery.id }, 'mail could not be queued')
    delivery.merge({ status: 'failed', lastError: shorten(error) })
    await delivery.save()
  }
  return delivery
}

/** The mail queue: one mail per job, retried with exponential backoff. */
export function mailQueue(retry: MailRetry): QueueDefinition<MailJob> {
  return {
    name: MAIL_QUEUE,
    queue: {
      retryLimit: retry.retryLimit,
      retryDelay: retry.retryDelay,
      retryBackoff: true,
      retryDelayMax: 3600,
      expireInSeconds: 300,
      deleteAfterSeconds: 3600,
    },
    worker: {
      options: { batchSize: 1, pollingIntervalSeconds: 1 },
      handler: async (batch: Job<MailJob>[]) => {
        for (const job of batch) await deliver(job, retry.retryLimit)
      },
    },
  }
}

/**
 * One attempt at a queued mail. A failure is recorded on the delivery and
 * rethrown so pg-boss retries it; the last one marks the delivery `failed`.
 */
async function deliver(job: Job<MailJob>, retryLimit: number) {
  const delivery = await MailDelivery.find(job.data.deliveryId)
  if (!delivery || delivery.status === 'sent') return
  const message = encryption.decrypt<string>(job.data.sealed)
  delivery.attempts += 1
  try {
    if (!message) throw new Error('The mail could not be decrypted (APP_KEY changed?)')
    const response = await sendThrough('smtp', JSON.parse(message))
    delivery.merge({
      status: 'sent',
      sentAt: DateTime.now(),
      messageId: response.messageId?.slice(0, 200) ?? null,
      lastError: null,
    })
    await delivery.save()
  } catch (error) {
    const last = job.retryCount >= retryLimit
    delivery.merge({ status: last ? 'failed' : 'queued', lastError: shorten(error) })
    await delivery.save()
    logger.warn(
      { err: error, deliveryId: delivery.id, attempt: delivery.attempts, last },
      last ? 'mail failed, no retries left' : 'mail attempt failed, will retry'
    )
    throw error
  }
}

function sendThrough(mailer: 'smtp' | 'log', message: OutgoingMail) {
  return mail.use(mailer).send((built) => {
    built.to(message.to).subject(message.subject).html(message.html).text(message.text)
  })
}

function shorten(error: unknown) {
  return String((error as Error)?.message ?? error).slice(0, 500)
}
