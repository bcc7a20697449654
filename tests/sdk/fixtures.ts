import { EventSource } from 'eventsource'
import {
  ParleyClient,
  memoryStorage,
  type KeyValueStorage,
  type Message,
} from '../../packages/client/src/index.js'
import { resetDatabase } from '#tests/helpers/database'
import { startServer, type ServerProcess } from '#tests/helpers/server_process'
import { SDK_PLUGINS } from '../../packages/client/scripts/generate.js'
import { addMember, createOrgWith, createUserWithToken, TEST_PASSWORD } from '#tests/helpers/users'

/*
 * The SDK against a real Parley: a server child process (with the plugins
 * the SDK is typed for), users and an organization made with the test
 * fixtures, and SDK clients that log in with a password like an app.
 */

export { TEST_PASSWORD }

/** Node's EventSource for the SSE transport, with the client's bearer token. */
export function nodeEventSource(client: () => ParleyClient) {
  return (url: string | URL) =>
    new EventSource(url, {
      fetch: (input, init) =>
        fetch(input, {
          ...init,
          headers: { ...(init?.headers ?? {}), authorization: `Bearer ${client().token}` },
        }),
    }) as unknown as globalThis.EventSource
}

let shared: ServerProcess | null = null

/**
 * The suite's server (tests/bootstrap.ts starts it once for the `sdk`
 * suite), with the plugins the SDK is typed for.
 */
export async function startSdkServer() {
  shared = await startServer({ PARLEY_PLUGINS: SDK_PLUGINS })
  return shared
}

/** The suite's server for a group; each test then gets a fresh database. */
export function withServer(group: {
  each: { setup(fn: () => Promise<void>): void; teardown(fn: () => void): void }
}) {
  const holder = {
    get server() {
      if (!shared) throw new Error('the sdk suite starts its server in tests/bootstrap.ts')
      return shared
    },
  }
  group.each.setup(() => resetDatabase())
  group.each.teardown(() => {
    if (!holder.server!.alive()) throw new Error(`server died:\n${holder.server!.output()}`)
  })
  return holder
}

/** Two members of one organization and a group room between them. */
export async function scene(server: ServerProcess) {
  const alice = await createUserWithToken({ username: `alice_${Date.now() % 1e6}` })
  const bob = await createUserWithToken({ username: `bob_${Date.now() % 1e6}` })
  const org = await createOrgWith(alice.user)
  await addMember(org, bob.user)
  const sender = await loggedIn(server, alice.user.username, org.id)
  const room = await sender.data<{ id: string }>('POST', '/chat/rooms/group', {
    name: 'SDK room',
    memberIds: [bob.user.id],
  })
  return { alice, bob, org, sender, room }
}

/** A client logged in with username and password, acting in an organization. */
export async function loggedIn(
  server: ServerProcess,
  username: string,
  organizationId: string,
  options: {
    storage?: KeyValueStorage
    transport?: 'socket' | 'sse' | 'auto'
    socketOptions?: object
  } = {}
) {
  let client: ParleyClient
  client = new ParleyClient({
    baseUrl: server.url,
    storage: options.storage ?? memoryStorage(),
    transport: options.transport,
    socketOptions: { forceNew: true, ...options.socketOptions },
    eventSourceFactory: nodeEventSource(() => client),
    retryDelaysMs: [50, 100, 200],
  })
  await client.login({ username, password: TEST_PASSWORD })
  await client.useOrganization(organizationId)
  return client
}

/** Collects what onMessage hands over. */
export function inbox(client: ParleyClient) {
  const received: { message: Message; source: string }[] = []
  client.onMessage((message, { source }) => received.push({ message, source }))
  return {
    received,
    contents: () => received.map((entry) => entry.message.content),
    count: (content: string) =>
      received.filter((entry) => entry.message.content === content).length,
  }
}

export async function waitFor(predicate: () => boolean, what: string, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

export { resetDatabase }
