import type { EventsList } from '@adonisjs/core/types'
import type { Emitter } from '@adonisjs/core/events'
import logger from '@adonisjs/core/services/logger'
import type { WebhookEvent } from '#models/webhook'
import type { ReactionChanged } from '#events/conversation_events'
import QueueWebhookDeliveries, {
  type WebhookEventInput,
} from '#actions/webhooks/queue_webhook_deliveries'
import { messagePayload } from '#transformers/message_payload'

/** Deliveries being queued and not finished yet. */
const pending = new Set<Promise<void>>()

/** Resolves once every event seen so far has its deliveries queued (shutdown and tests wait for it). */
export async function webhooksSettled() {
  while (pending.size) await Promise.allSettled([...pending])
}

function track(input: Promise<WebhookEventInput>) {
  const work = input
    .then(
      (event) => QueueWebhookDeliveries.handle(event).then(() => {}),
      () => {}
    )
    .catch((error) => logger.error({ err: error }, 'queueing webhook deliveries failed'))
  pending.add(work)
  work.finally(() => pending.delete(work)).catch(() => {})
  return work
}

/** What a webhook delivery says about one domain event: its room (null: an organization event) and data. */
type Shaped = { roomId: string | null; data: Record<string, unknown> }

/** One domain event's webhook: the public event name and how its payload is shaped. */
interface WebhookRoute<Payload> {
  event: WebhookEvent
  shape: (payload: Payload) => Shaped | Promise<Shaped>
}

type WebhookTable = {
  [Event in keyof EventsList]?: WebhookRoute<EventsList[Event]>
}

function reaction(event: 'reaction.added' | 'reaction.removed'): WebhookRoute<ReactionChanged> {
  return {
    event,
    shape: ({ roomId, messageId, userId, emoji, count }) => ({
      roomId,
      data: { roomId, messageId, userId, emoji, count },
    }),
  }
}

/**
 * Domain events → outgoing webhook deliveries, after commit and off the
 * request's path: one row per event (docs/integrations.md lists the same
 * table). Each is shaped here, once, with the clients' transformers (a
 * message is the same JSON a member's client receives; in end-to-end rooms
 * its content is null and only the ciphertext goes out).
 */
export const webhookTable: WebhookTable = {
  'message:created': {
    event: 'message.created',
    shape: async ({ roomId, message }) => ({
      roomId,
      data: { message: await messagePayload(message) },
    }),
  },
  'message:edited': {
    event: 'message.edited',
    shape: async ({ roomId, message }) => ({
      roomId,
      data: { message: await messagePayload(message) },
    }),
  },
  'message:deleted': {
    event: 'message.deleted',
    shape: ({ roomId, messageId, seq }) => ({ roomId, data: { roomId, messageId, seq } }),
  },
  'org:member_added': {
    event: 'member.joined',
    shape: ({ userId, role }) => ({ roomId: null, data: { userId, role } }),
  },
  'org:member_removed': {
    event: 'member.left',
    shape: ({ userId, reason }) => ({ roomId: null, data: { userId, reason } }),
  },
  'room:member_added': {
    event: 'room.member_added',
    shape: ({ roomId, userIds }) => ({ roomId, data: { roomId, userIds } }),
  },
  'room:member_removed': {
    event: 'room.member_removed',
    shape: ({ roomId, userId }) => ({ roomId, data: { roomId, userId } }),
  },
  'reaction:added': reaction('reaction.added'),
  'reaction:removed': reaction('reaction.removed'),
}

/** Queues the deliveries of one domain event (tracked for webhooksSettled). */
function queue(route: WebhookRoute<unknown>, payload: { organizationId: string }) {
  return track(
    Promise.resolve()
      .then(() => route.shape(payload))
      .then(({ roomId, data }) => ({
        organizationId: payload.organizationId,
        roomId,
        event: route.event,
        data,
      }))
  )
}

/** Listens to every domain event of the table (start/events.ts, at boot). */
export function registerWebhookListener(events: Emitter<EventsList>) {
  for (const name of Object.keys(webhookTable) as (keyof EventsList)[]) {
    const route = webhookTable[name] as WebhookRoute<unknown>
    events.on(name, (payload: unknown) => queue(route, payload as { organizationId: string }))
  }
}
