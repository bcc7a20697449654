import { test } from '@japa/runner'
import { randomUUID } from 'node:crypto'
import { isDeepStrictEqual } from 'node:util'
import emitter from '@adonisjs/core/services/emitter'
import type Organization from '#models/organization'
import type Room from '#models/room'
import { DateTime } from 'luxon'
import MediaAsset from '#models/media_asset'
import type { MessageObject } from '#transformers/message_transformer'
import { SERVER_EVENTS, type FanoutEvent } from '#realtime/socket_events'
import { actorFor } from '#services/org_context'
import UpdateRoom from '#actions/rooms/update_room'
import RemoveRoomMember from '#actions/rooms/remove_room_member'
import MarkRoomRead from '#actions/rooms/mark_room_read'
import AddReaction from '#actions/reactions/add_reaction'
import RemoveReaction from '#actions/reactions/remove_reaction'
import PinMessage from '#actions/pins/pin_message'
import UnpinMessage from '#actions/pins/unpin_message'
import AddMember from '#actions/admin/add_member'
import RemoveMember from '#actions/orgs/remove_member'
import UpdateMemberRole from '#actions/orgs/update_member_role'
import AddLinkPreview from '#actions/messages/add_link_preview'
import CreateBot from '#actions/bots/create_bot'
import CreateCommand from '#actions/commands/create_command'
import RunCommand from '#actions/commands/run_command'
import { outbound } from '#domain/webhooks/outbound'
import { LOOPBACK_ONLY, startEndpoint } from '#tests/helpers/http_endpoint'
import { resetDatabase } from '#tests/helpers/database'
import { sseClient, waitFor } from '#tests/helpers/sse'
import {
  createMemberWithToken,
  createOrgWith,
  createUserWithToken,
  type UserWithToken,
} from '#tests/helpers/users'
import {
  attachGateway,
  closeSockets,
  connectAs,
  groupRoom,
  request,
  type ClientSocket,
} from '#tests/helpers/sockets'

/*
 * The one fan-out table feeds both transports (DESIGN.md §6: SSE carries the
 * same events as sockets). Every server→client event of SERVER_EVENTS (the
 * runtime list of ServerToClientEvents, kept complete by the compiler) that
 * is a fan-out event must have a scenario here, and each scenario must bring
 * the event, with the same payload, to a real socket.io-client socket and to
 * a real Transmit client subscribed to the user's channels. An event added to
 * one transport only, or without a scenario, fails this suite.
 */

type SseMessage = { event: string; data: any }

/** The receiver listens on a socket and on its user, organization and room channels. */
interface Scene {
  owner: UserWithToken
  receiver: UserWithToken
  third: UserWithToken
  org: Organization
  room: Room
  sender: ClientSocket
  socketEvents: { event: string; data: any }[]
  sseEvents: SseMessage[]
}

async function scene(cleanup: (fn: () => void) => void): Promise<Scene> {
  const owner = await createUserWithToken()
  const org = await createOrgWith(owner.user)
  const receiver = await createMemberWithToken(org)
  const third = await createMemberWithToken(org)
  const room = await groupRoom(org, owner.user, [receiver.user, third.user])
  const { socket } = await connectAs({ token: receiver.token, organizationId: org.id })
  const socketEvents: { event: string; data: any }[] = []
  socket.onAny((event: string, data: unknown) => socketEvents.push({ event, data }))
  const sse = sseClient(receiver.token)
  cleanup(() => sse.close())
  const sseEvents: SseMessage[] = []
  const channels = [
    `users/${receiver.user.id}`,
    `orgs/${org.id}`,
    `orgs/${org.id}/rooms/${room.id}`,
  ]
  for (const channel of channels) {
    const subscription = sse.subscription(channel)
    subscription.onMessage((message: SseMessage) => sseEvents.push(message))
    await subscription.create()
  }
  const sender = await connectAs({ token: owner.token, organizationId: org.id })
  return { owner, receiver, third, org, room, sender: sender.socket, socketEvents, sseEvents }
}

async function sendAs(socket: ClientSocket, payload: Record<string, unknown>) {
  const answer = await request<MessageObject>(socket, 'send_message', payload)
  if (!answer.ok) throw new Error(`send failed: ${answer.error.code}`)
  return answer.data
}

/** How to make the server send each fan-out event to the receiver. */
const scenarios: Record<FanoutEvent, (s: Scene) => Promise<unknown>> = {
  new_message: (s) => sendAs(s.sender, { roomId: s.room.id, content: 'hello' }),
  message_edited: async (s) => {
    const message = await sendAs(s.sender, { roomId: s.room.id, content: 'draft' })
    await request(s.sender, 'edit_message', { messageId: message.id, content: 'final' })
  },
  message_deleted: async (s) => {
    const message = await sendAs(s.sender, { roomId: s.room.id, content: 'oops' })
    await request(s.sender, 'delete_message', { messageId: message.id })
  },
  message_read: async (s) => {
    const message = await sendAs(s.sender, { roomId: s.room.id, content: 'read me' })
    const reader = await actorFor(s.third.user, s.org.id)
    await MarkRoomRead.handle(reader, s.room.id, { seq: message.seq })
  },
  mentioned: (s) =>
    sendAs(s.sender, { roomId: s.room.id, content: `hi @${s.receiver.user.username}` }),
  notification: (s) =>
    sendAs(s.sender, { roomId: s.room.id, content: `hey @${s.receiver.user.username}` }),
  user_typing: (s) => request(s.sender, 'typing_start', { roomId: s.room.id }),
  user_stopped_typing: async (s) => {
    await request(s.sender, 'typing_start', { roomId: s.room.id })
    await request(s.sender, 'typing_stop', { roomId: s.room.id })
  },
  user_online: (s) => connectAs({ token: s.third.token, organizationId: s.org.id }),
  user_offline: async (s) => {
    const { socket } = await connectAs({ token: s.third.token, organizationId: s.org.id })
    socket.disconnect()
  },
  room_member_added: (s) => groupRoom(s.org, s.owner.user, [s.receiver.user]),
  room_member_removed: async (s) =>
    RemoveRoomMember.handle(await actorFor(s.owner.user, s.org.id), s.room.id, s.third.user.id),
  room_updated: async (s) =>
    UpdateRoom.handle(await actorFor(s.owner.user, s.org.id), s.room.id, { name: 'renamed' }),
  media_added: async (s) => {
    const message = await sendAs(s.sender, { roomId: s.room.id, content: 'see file' })
    const media = new MediaAsset().merge({
      id: randomUUID(),
      organizationId: s.org.id,
      messageId: message.id,
      roomId: s.room.id,
      uploaderId: s.owner.user.id,
      originalName: 'chart.png',
      mime: 'image/png',
      size: 1,
      sha256: 'f'.repeat(64),
      width: null,
      height: null,
      thumbnailKey: null,
      createdAt: DateTime.now(),
    })
    await emitter.emit('media:added', {
      organizationId: s.org.id,
      roomId: s.room.id,
      messageId: message.id,
      media,
    })
  },
  reaction_added: async (s) => {
    const message = await sendAs(s.sender, { roomId: s.room.id, content: 'react' })
    await AddReaction.handle(await actorFor(s.third.user, s.org.id), message.id, { emoji: '👍' })
  },
  reaction_removed: async (s) => {
    const message = await sendAs(s.sender, { roomId: s.room.id, content: 'react' })
    const third = await actorFor(s.third.user, s.org.id)
    await AddReaction.handle(third, message.id, { emoji: '👍' })
    await RemoveReaction.handle(third, message.id, { emoji: '👍' })
  },
  message_pinned: async (s) => {
    const message = await sendAs(s.sender, { roomId: s.room.id, content: 'pin me' })
    await PinMessage.handle(await actorFor(s.owner.user, s.org.id), message.id)
  },
  message_unpinned: async (s) => {
    const message = await sendAs(s.sender, { roomId: s.room.id, content: 'pin me' })
    const owner = await actorFor(s.owner.user, s.org.id)
    await PinMessage.handle(owner, message.id)
    await UnpinMessage.handle(owner, message.id)
  },
  thread_updated: async (s) => {
    const root = await sendAs(s.sender, { roomId: s.room.id, content: 'root' })
    await sendAs(s.sender, { roomId: s.room.id, content: 'reply', replyToId: root.id })
  },
  link_preview: async (s) => {
    const message = await sendAs(s.sender, { roomId: s.room.id, content: 'see https://x.test/' })
    await AddLinkPreview.handle(message.id, {
      url: 'https://x.test/',
      title: 'X',
      description: null,
      imageUrl: null,
      siteName: null,
    })
  },
  room_rekey_required: (s) =>
    emitter.emit('room:rekey_required', {
      organizationId: s.org.id,
      roomId: s.room.id,
      staleVersion: 1,
      memberIds: [s.owner.user.id, s.receiver.user.id],
      reason: 'member_added',
    }),
  org_member_added: async (s) => {
    const { user: newcomer } = await createUserWithToken()
    await AddMember.handle(await actorFor(s.owner.user, s.org.id), newcomer)
  },
  org_member_removed: async (s) =>
    RemoveMember.handle(await actorFor(s.owner.user, s.org.id), s.third.user.id),
  org_member_role_changed: async (s) =>
    UpdateMemberRole.handle(await actorFor(s.owner.user, s.org.id), s.third.user.id, 'moderator'),
  command_response: async (s) => {
    const endpoint = await startEndpoint(() => ({ status: 200, json: { text: 'only you' } }))
    outbound.allowAddress = LOOPBACK_ONLY
    try {
      const owner = await actorFor(s.owner.user, s.org.id)
      const bot = await CreateBot.handle(owner, { username: 'fanout_bot' })
      await CreateCommand.handle(owner, { name: 'whisper', url: endpoint.url, botId: bot.id })
      const receiver = await actorFor(s.receiver.user, s.org.id)
      await RunCommand.handle(receiver, { roomId: s.room.id, command: 'whisper' })
    } finally {
      outbound.allowAddress = undefined
      await endpoint.close()
    }
  },
  key_changed: (s) =>
    emitter.emit('user:key_changed', {
      userId: s.owner.user.id,
      deviceId: randomUUID(),
      action: 'register',
      seq: 1,
      hash: 'f'.repeat(64),
      contactIds: [s.owner.user.id, s.receiver.user.id],
    }),
}

const fanoutEvents = Object.entries(SERVER_EVENTS)
  .filter(([, kind]) => kind === 'fanout')
  .map(([event]) => event as FanoutEvent)

test.group('Every fan-out event on both transports', (group) => {
  group.setup(() => attachGateway())
  group.each.setup(() => resetDatabase())
  group.each.teardown(() => closeSockets())

  test('the list of server events names each of them once', ({ assert }) => {
    assert.includeMembers(fanoutEvents, ['new_message', 'user_online', 'key_changed'])
    assert.sameMembers(Object.keys(scenarios), fanoutEvents)
  })

  for (const event of fanoutEvents) {
    test(`${event} reaches a socket and an SSE stream with the same payload`, async ({
      assert,
      cleanup,
    }) => {
      const s = await scene(cleanup)
      const scenario = scenarios[event]
      assert.isFunction(scenario, `no scenario sends ${event}`)

      await scenario(s)

      const onSse = () => s.sseEvents.find((message) => message.event === event)
      const onSocket = () =>
        s.socketEvents.find(
          (message) => message.event === event && isDeepStrictEqual(message.data, onSse()?.data)
        )
      await waitFor(() => Boolean(onSse() && onSocket())).catch(() => {
        const sent = s.socketEvents.some((message) => message.event === event)
        throw new Error(`${event}: on the socket ${sent}, on SSE ${Boolean(onSse())}`)
      })
      assert.deepEqual(onSocket()!.data, onSse()!.data)
    })
  }
})
