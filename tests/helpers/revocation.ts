import { randomUUID } from 'node:crypto'
import User from '#models/user'
import type Organization from '#models/organization'
import type Room from '#models/room'
import RegisterUser from '#actions/auth/register_user'
import { AccessToken } from '@adonisjs/auth/access_tokens'
import { issueAccountToken } from '#domain/auth/account_tokens'
import { collect, sseClient, waitFor } from '#tests/helpers/sse'
import { connectAt, groupRoom, nextEvent, request, type ClientSocket } from '#tests/helpers/sockets'
import {
  createMemberWithToken,
  createOrgWith,
  createUserWithToken,
  TEST_PASSWORD,
  type UserWithToken,
} from '#tests/helpers/users'

/*
 * The doors that end sessions (DESIGN.md §4), driven over real HTTP against
 * any server (the test server or a spawned node), and a live session (a
 * socket and an SSE stream) to watch them end.
 */

type SseMessage = { event: string; data: any }

/** An organization with an owner, a member (the one whose sessions end) and a shared room. */
export interface Scene {
  owner: UserWithToken
  member: UserWithToken
  org: Organization
  room: Room
  /** A server admin's admin token (`pla_…`), for the admin API. */
  adminToken: string
}

/** Builds a scene in the test database. */
export async function scene(): Promise<Scene> {
  const owner = await createUserWithToken()
  const org = await createOrgWith(owner.user)
  const member = await createMemberWithToken(org)
  const room = await groupRoom(org, owner.user, [member.user])
  const admin = await RegisterUser.handle(
    {
      email: `ops-${randomUUID()}@parley.test`,
      username: `ops${randomUUID().slice(0, 8)}`,
      password: TEST_PASSWORD,
    },
    { isAdmin: true }
  )
  const issued = await User.adminTokens.create(admin, ['admin'])
  return { owner, member, org, room, adminToken: issued.value!.release() }
}

/** A second API token of the same user (another device). */
export async function anotherToken(user: User) {
  const token = await User.accessTokens.create(user, ['*'], { name: 'device' })
  return token.value!.release()
}

/** The session id (`GET /auth/sessions`) of an API token. */
export function sessionIdOf(token: string) {
  return String(AccessToken.decode('plr_', token)!.identifier)
}

async function call(url: string, method: string, path: string, token: string, body?: unknown) {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  await response.body?.cancel()
  if (response.status >= 300) throw new Error(`${method} ${path} answered ${response.status}`)
}

/**
 * Each door, ending the member's session held with `token`: what it does to
 * the member's account. `ends` says what the live session loses: every
 * stream of the token, or only the organization.
 */
export const doors = {
  'REST logout': {
    ends: 'token',
    run: (url: string, _s: Scene, token: string) => call(url, 'POST', '/auth/logout', token),
  },
  'REST password change': {
    ends: 'token',
    run: async (url: string, s: Scene) =>
      call(url, 'PUT', '/users/me', await anotherToken(s.member.user), {
        password: 'a brand new password',
        currentPassword: TEST_PASSWORD,
      }),
  },
  'REST session revoke (from another session)': {
    ends: 'token',
    run: async (url: string, s: Scene, token: string) =>
      call(
        url,
        'DELETE',
        `/auth/sessions/${sessionIdOf(token)}`,
        await anotherToken(s.member.user)
      ),
  },
  'REST revoke other sessions': {
    ends: 'token',
    run: async (url: string, s: Scene) =>
      call(url, 'POST', '/auth/sessions/revoke-others', await anotherToken(s.member.user)),
  },
  'REST password reset by mailed link': {
    ends: 'token',
    run: async (url: string, s: Scene) =>
      call(url, 'POST', '/auth/password/reset', '', {
        token: await issueAccountToken(s.member.user, 'reset_password'),
        password: 'a brand new password',
      }),
  },
  'admin API password reset': {
    ends: 'token',
    run: (url: string, s: Scene) =>
      call(url, 'POST', `/admin/users/${s.member.user.id}/reset-password`, s.adminToken, {}),
  },
  'admin API deactivation': {
    ends: 'token',
    run: (url: string, s: Scene) =>
      call(url, 'POST', `/admin/users/${s.member.user.id}/deactivate`, s.adminToken, {}),
  },
  'admin API member removal': {
    ends: 'organization',
    run: (url: string, s: Scene) =>
      call(
        url,
        'DELETE',
        `/admin/organizations/${s.org.id}/members/${s.member.user.id}`,
        s.adminToken
      ),
  },
  'REST member removal': {
    ends: 'organization',
    run: (url: string, s: Scene) =>
      call(url, 'DELETE', `/organizations/${s.org.id}/members/${s.member.user.id}`, s.owner.token),
  },
} as const

/** A live session of one token: a socket in the organization and an SSE stream on the room. */
export interface LiveSession {
  socket: ClientSocket
  /** The socket's disconnect reason, once the server ends it. */
  disconnected: Promise<string>
  /** Resolves when the SSE stream ends. */
  sseClosed: Promise<true>
  /** What the room channel received. */
  roomEvents: SseMessage[]
  /** What the user channel received. */
  userEvents: SseMessage[]
  close: () => void
}

/** Opens a socket and an SSE stream (room and user channels) with `token` on `url`. */
export async function liveSession(
  url: string,
  s: Scene,
  token: string,
  bound = 10_000
): Promise<LiveSession> {
  const { socket } = await connectAt(url, { token, organizationId: s.org.id })
  const disconnected = nextEvent<string>(socket, 'disconnect', bound)
  disconnected.catch(() => {})
  const sse = sseClient(token, url)
  const sseClosed = new Promise<true>((resolve) => sse.on('disconnected', () => resolve(true)))
  const roomSub = sse.subscription(`orgs/${s.org.id}/rooms/${s.room.id}`)
  const userSub = sse.subscription(`users/${s.member.user.id}`)
  const roomEvents = collect<SseMessage>(roomSub)
  const userEvents = collect<SseMessage>(userSub)
  await roomSub.create()
  await userSub.create()
  const sent = await request(socket, 'send_message', { roomId: s.room.id, content: 'alive' })
  if (!sent.ok) throw new Error(`the session cannot send before the revocation: ${sent.error.code}`)
  await waitFor(() => roomEvents.some((message) => message.data.content === 'alive'))
  return { socket, disconnected, sseClosed, roomEvents, userEvents, close: () => sse.close() }
}

/** Resolves with a reconnect attempt's `connect_error` code (the socket must be refused). */
export async function reconnectRefusal(socket: ClientSocket) {
  const refused = nextEvent<Error>(socket, 'connect_error')
  const connected = nextEvent(socket, 'connected').then(() => 'connected')
  connected.catch(() => {})
  socket.connect()
  const outcome = await Promise.race([refused.then((error) => error.message), connected])
  return outcome
}

/** Rejects if `promise` has not settled within `ms` (a generous bound, never a timing assertion). */
export function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([
    promise,
    new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error(`${what} did not happen within ${ms} ms`)), ms)
    ),
  ])
}

/**
 * Proves on `url` that a session whose organization was taken away keeps its
 * stream but no longer hears the room: a message sent after the removal does
 * not reach the room channel, while a marker on the user channel (a room of
 * the member's own new organization) does.
 */
export async function roomChannelDropped(url: string, s: Scene, session: LiveSession) {
  const post = async (path: string, body: unknown, orgId?: string) => {
    const response = await fetch(`${url}${path}`, {
      method: 'POST',
      headers: {
        'authorization': `Bearer ${orgId ? s.owner.token : s.member.token}`,
        'content-type': 'application/json',
        ...(orgId ? { 'x-organization-id': orgId } : {}),
      },
      body: JSON.stringify(body),
    })
    return (await response.json()) as { data: { id: string } }
  }
  await post('/chat/messages', { roomId: s.room.id, content: 'after removal' }, s.org.id)
  const ownOrg = await post('/organizations', { name: `Own ${randomUUID().slice(0, 6)}` })
  const headers = {
    'authorization': `Bearer ${s.member.token}`,
    'content-type': 'application/json',
    'x-organization-id': ownOrg.data.id,
  }
  const created = await fetch(`${url}/chat/rooms/group`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ name: 'marker', memberIds: [] }),
  })
  const marker = (await created.json()) as { data: { id: string } }
  await waitFor(() => session.userEvents.some((message) => message.data?.roomId === marker.data.id))
  return session.roomEvents.map((message) => message.data?.content)
}
