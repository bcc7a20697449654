import logger from '@adonisjs/core/services/logger'
import type { Job, JobResult } from 'pg-boss'
import type { Messaging, TokenMessage } from 'firebase-admin/messaging'
import type { PushNotification, PushSender } from '#extensions/push'
import type { Jobs } from '#extensions/jobs'
import Device from './device.js'

/** push-fcm's job queue: one job per push per device. */
export const SEND_QUEUE = 'push-fcm.send'

/** What a send job holds: ids only; the token is read when sending, never stored in the queue. */
export interface SendJob {
  deviceId: string
  push: PushNotification
}

/** FCM errors after which the token is dead: the device is deleted. */
const DEAD_TOKEN = new Set([
  'messaging/registration-token-not-registered',
  'messaging/invalid-registration-token',
])

/**
 * FCM and transport errors worth retrying later (the SDK already retried
 * 503s itself). A failed OAuth token fetch is `app/invalid-credential`.
 */
const TRANSIENT = new Set([
  'messaging/server-unavailable',
  'messaging/internal-error',
  'messaging/message-rate-exceeded',
  'messaging/device-message-rate-exceeded',
  'messaging/unknown-error',
  'app/network-error',
  'app/network-timeout',
  'app/invalid-credential',
])

/** The titles a push shows: the kind of event, never who wrote what. */
const TITLES = {
  message: 'New message',
  mention: 'You were mentioned',
  thread: 'New reply in a thread you follow',
} as const

/**
 * The FCM message of a push. It carries no message text, room or user
 * names, in plaintext and encrypted rooms alike: FCM (Google) relays it. The
 * app shows the generic title and fetches the rest over the API by the ids
 * in `data`.
 */
export function toMessage(token: string, push: PushNotification): TokenMessage {
  const data: Record<string, string> = {
    notificationId: push.notificationId,
    organizationId: push.organizationId,
    type: push.type,
  }
  if (push.roomId) data.roomId = push.roomId
  if (push.messageId) data.messageId = push.messageId
  return {
    token,
    notification: { title: TITLES[push.type] },
    data,
    android: { priority: 'high', collapseKey: push.roomId ?? undefined },
    apns: { headers: { 'apns-priority': '10' }, payload: { aps: { sound: 'default' } } },
  }
}

/**
 * Delivers pushes through FCM (`sendEach`, HTTP/1.1 through the plugin's
 * agent). `enqueue` turns notifications into one job per device; the worker
 * settles each job alone: sent → completed, dead token → device deleted and
 * completed, transient error → failed (pg-boss retries it with backoff),
 * anything else → dead letter queue.
 */
export class FcmSender implements PushSender {
  readonly id = 'push-fcm'

  constructor(
    protected messaging: Messaging,
    protected jobs: Jobs
  ) {}

  async enqueue(pushes: PushNotification[]) {
    const userIds = [...new Set(pushes.map((push) => push.userId))]
    const devices = await Device.query().whereIn('user_id', userIds).select('id', 'user_id')
    const jobs = pushes.flatMap((push) =>
      devices
        .filter((device) => device.userId === push.userId)
        .map((device) => ({ data: { deviceId: device.id, push } }))
    )
    await this.jobs.insert<SendJob>(SEND_QUEUE, jobs)
  }

  async deliver(batch: Job<SendJob>[]): Promise<JobResult[]> {
    const ids = batch.map((job) => job.data.deviceId)
    const rows = await Device.query().whereIn('id', ids)
    const devices = new Map(rows.map((device) => [device.id, device]))
    const results: JobResult[] = []
    const sendable = batch.filter((job) => {
      const device = devices.get(job.data.deviceId)
      const current = device?.userId === job.data.push.userId
      if (!current) results.push({ id: job.id, status: 'completed', output: { skipped: true } })
      return current
    })
    if (!sendable.length) return results
    const messages = sendable.map((job) =>
      toMessage(devices.get(job.data.deviceId)!.token, job.data.push)
    )
    const response = await this.messaging.sendEach(messages)
    const dead: string[] = []
    response.responses.forEach((outcome, index) => {
      const job = sendable[index]
      if (outcome.success) {
        return results.push({
          id: job.id,
          status: 'completed',
          output: { sent: outcome.messageId },
        })
      }
      const code = outcome.error?.code ?? 'unknown'
      if (DEAD_TOKEN.has(code)) dead.push(messages[index].token)
      const status = DEAD_TOKEN.has(code)
        ? 'completed'
        : TRANSIENT.has(code)
          ? 'failed'
          : 'deadletter'
      if (status === 'deadletter') {
        logger.warn({ code, jobId: job.id, reason: outcome.error?.message }, 'push rejected by FCM')
      }
      results.push({ id: job.id, status, output: { code } })
    })
    if (dead.length) await Device.query().whereIn('token', dead).delete()
    return results
  }
}
