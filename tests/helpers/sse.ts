import { randomUUID } from 'node:crypto'
import { EventSource } from 'eventsource'
import { Transmit } from '@adonisjs/transmit-client'
import env from '#start/env'
import { reportEventProblems, sseProblems } from '#tests/helpers/asyncapi'

/** Base URL of the test server started by the suite. */
export const baseUrl = () => `http://${env.get('HOST')}:${env.get('PORT')}`

/**
 * A real Transmit SSE client (transmit-client over the `eventsource` package)
 * authenticated with a bearer token, as a Node app would use it.
 */
export function sseClient(token: string, serverUrl = baseUrl()) {
  const auth = (request: Request) => request.headers.set('authorization', `Bearer ${token}`)
  const client = new Transmit({
    baseUrl: serverUrl,
    uidGenerator: () => randomUUID(),
    eventSourceFactory: (url) =>
      new EventSource(url, {
        fetch: (input, init) =>
          fetch(input, {
            ...init,
            headers: { ...(init?.headers ?? {}), authorization: `Bearer ${token}` },
          }),
      }) as unknown as globalThis.EventSource,
    beforeSubscribe: auth,
    beforeUnsubscribe: auth,
    maxReconnectAttempts: 0,
  })
  return checkAgainstAsyncApi(client)
}

/**
 * Checks every message of every subscription of the client against
 * /asyncapi.json (its channel documents the event, the data matches);
 * problems fail the running test (tests/helpers/asyncapi.ts).
 */
function checkAgainstAsyncApi(client: Transmit) {
  const subscription = client.subscription.bind(client)
  client.subscription = (channel: string) => {
    const created = subscription(channel)
    created.onMessage((payload: any) => reportEventProblems(sseProblems(channel, payload)))
    return created
  }
  return client
}

/** Collects the `{ event, data }` messages a subscription receives. */
export function collect<T = { event: string; data: any }>(subscription: {
  onMessage: (handler: (message: T) => void) => () => void
}) {
  const received: T[] = []
  subscription.onMessage((message) => received.push(message))
  return received
}

/** Waits until `predicate` holds, polling; fails after `timeoutMs`. */
export async function waitFor(predicate: () => boolean, timeoutMs = 5000) {
  const deadline = Date.now() + timeoutMs
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error('condition not met in time')
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

/**
 * Subscribes `token`'s SSE client to one channel and collects what arrives;
 * the client closes when the test ends. `first(event)` is the data of the
 * first message of that event once it has arrived.
 */
export async function listenOnChannel(
  token: string,
  channel: string,
  cleanup: (fn: () => void) => void
) {
  const client = sseClient(token)
  cleanup(() => client.close())
  const subscription = client.subscription(channel)
  const messages = collect<{ event: string; data: any }>(subscription)
  await subscription.create()
  const first = async (event: string) => {
    await waitFor(() => messages.some((message) => message.event === event))
    return messages.find((message) => message.event === event)!.data
  }
  return { messages, first }
}
