import { test } from '@japa/runner'
import { resetDatabase } from '#tests/helpers/database'
import { createMemberWithToken, createOrgWith, createUserWithToken } from '#tests/helpers/users'
import AddLinkPreview from '#actions/messages/add_link_preview'
import type { MessageObject } from '#transformers/message_transformer'
import { sseClient, waitFor } from '#tests/helpers/sse'
import {
  attachGateway,
  closeSockets,
  connectAs,
  groupRoom,
  nextEvent,
  request,
  type ClientSocket,
} from '#tests/helpers/sockets'

/*
 * Reactions, pins, threads and link previews in real time: socket doors
 * with the REST rules, and events that reach the room's members only, on
 * both transports (a non-member of the room and a member of another
 * organization never receive them).
 */

type Received = { event: string; data: any }

const CONVERSATION_EVENTS = [
  'reaction_added',
  'reaction_removed',
  'message_pinned',
  'message_unpinned',
  'thread_updated',
  'link_preview',
]

function recordAll(socket: ClientSocket) {
  const received: Received[] = []
  socket.onAny((event: string, data: unknown) => received.push({ event, data }))
  return received
}

/** An SSE client of `token` subscribed to `channels`, collecting every message. */
async function sseOn(token: string, channels: string[], cleanup: (fn: () => void) => void) {
  const client = sseClient(token)
  cleanup(() => client.close())
  const received: Received[] = []
  for (const channel of channels) {
    const subscription = client.subscription(channel)
    subscription.onMessage((message: Received) => received.push(message))
    await subscription.create()
  }
  return received
}

const names = (received: Received[]) => received.map((message) => message.event)

test.group('Reactions and pins over the socket', (group) => {
  group.setup(() => attachGateway())
  group.each.setup(() => resetDatabase())
  group.each.teardown(() => closeSockets())

  test('add_reaction, remove_reaction, pin_message and unpin_message follow the REST rules', async ({
    assert,
  }) => {
    const owner = await createUserWithToken()
    const org = await createOrgWith(owner.user)
    const member = await createMemberWithToken(org)
    const room = await groupRoom(org, owner.user, [member.user])
    const a = await connectAs({ token: owner.token, organizationId: org.id })
    const b = await connectAs({ token: member.token, organizationId: org.id })
    const sent = await request<MessageObject>(a.socket, 'send_message', {
      roomId: room.id,
      content: 'vote here',
    })
    const messageId = sent.ok ? sent.data.id : ''

    const added = nextEvent(a.socket, 'reaction_added')
    const reacted = await request<MessageObject>(b.socket, 'add_reaction', {
      messageId,
      emoji: '🎉',
    })
    assert.isTrue(reacted.ok)
    assert.deepEqual(reacted.ok && reacted.data.reactions, [{ emoji: '🎉', count: 1, me: true }])
    assert.include(await added, { messageId, emoji: '🎉', count: 1, userId: member.user.id })
    const removed = nextEvent(a.socket, 'reaction_removed')
    const taken = await request<MessageObject>(b.socket, 'remove_reaction', {
      messageId,
      emoji: '🎉',
    })
    assert.deepEqual(taken.ok && taken.data.reactions, [])
    assert.include(await removed, { messageId, emoji: '🎉', count: 0 })

    const notEmoji = await request(b.socket, 'add_reaction', { messageId, emoji: 'abc' })
    assert.deepInclude(notEmoji, { ok: false })
    assert.equal(!notEmoji.ok && notEmoji.error.code, 'E_VALIDATION_ERROR')
    assert.equal(!notEmoji.ok && notEmoji.error.field, 'emoji')
    const badId = await request(b.socket, 'pin_message', { messageId: 7 })
    assert.equal(!badId.ok && badId.error.field, 'messageId')

    const denied = await request(b.socket, 'pin_message', { messageId })
    assert.equal(!denied.ok && denied.error.code, 'E_FORBIDDEN')
    const pinnedEvent = nextEvent(b.socket, 'message_pinned')
    const pinned = await request<MessageObject>(a.socket, 'pin_message', { messageId })
    assert.equal(pinned.ok && pinned.data.pin?.pinnedById, owner.user.id)
    const pinnedPayload = await pinnedEvent
    assert.equal(pinnedPayload.message.id, messageId)
    const unpinnedEvent = nextEvent(b.socket, 'message_unpinned')
    const unpinned = await request(a.socket, 'unpin_message', { messageId })
    assert.deepEqual(unpinned, { ok: true, data: { messageId } })
    assert.include(await unpinnedEvent, { roomId: room.id, messageId })

    const stranger = await createUserWithToken()
    await createOrgWith(stranger.user)
    const s = await connectAs({ token: stranger.token })
    for (const event of ['add_reaction', 'pin_message'] as const) {
      const foreign = await request(s.socket, event, { messageId, emoji: '🎉' })
      assert.equal(!foreign.ok && foreign.error.code, 'E_NOT_FOUND', event)
    }
  })

  test('reach the room’s members only: never a non-member, never another organization', async ({
    assert,
    cleanup,
  }) => {
    const owner = await createUserWithToken()
    const org = await createOrgWith(owner.user)
    const member = await createMemberWithToken(org)
    const outsider = await createMemberWithToken(org)
    const room = await groupRoom(org, owner.user, [member.user])
    const ownerB = await createUserWithToken()
    const orgB = await createOrgWith(ownerB.user)
    const stranger = await createMemberWithToken(orgB)

    const a = await connectAs({ token: owner.token, organizationId: org.id })
    const control = await connectAs({ token: member.token, organizationId: org.id })
    const controlSocket = recordAll(control.socket)
    const controlSse = await sseOn(member.token, [`orgs/${org.id}/rooms/${room.id}`], cleanup)
    const out = await connectAs({ token: outsider.token, organizationId: org.id })
    const outSocket = recordAll(out.socket)
    const outSse = await sseOn(
      outsider.token,
      [`users/${outsider.user.id}`, `orgs/${org.id}`],
      cleanup
    )
    const far = await connectAs({ token: stranger.token, organizationId: orgB.id })
    const farSocket = recordAll(far.socket)
    const farSse = await sseOn(
      stranger.token,
      [`users/${stranger.user.id}`, `orgs/${orgB.id}`],
      cleanup
    )

    const sent = await request<MessageObject>(a.socket, 'send_message', {
      roomId: room.id,
      content: 'see https://example.test/',
    })
    const messageId = sent.ok ? sent.data.id : ''
    await request(a.socket, 'add_reaction', { messageId, emoji: '👍' })
    await request(a.socket, 'remove_reaction', { messageId, emoji: '👍' })
    await request(a.socket, 'pin_message', { messageId })
    await request(a.socket, 'unpin_message', { messageId })
    await request(a.socket, 'send_message', {
      roomId: room.id,
      content: 'in the thread',
      replyToId: messageId,
      threadOnly: true,
    })
    await AddLinkPreview.handle(messageId, {
      url: 'https://example.test/',
      title: 'Example',
      description: null,
      imageUrl: null,
      siteName: null,
    })
    await waitFor(() =>
      CONVERSATION_EVENTS.every(
        (event) => names(controlSocket).includes(event) && names(controlSse).includes(event)
      )
    )
    // A later event to each outsider's socket and user channel: once it is
    // there, anything sent to them before it has arrived too.
    await groupRoom(org, owner.user, [outsider.user])
    await groupRoom(orgB, ownerB.user, [stranger.user])
    const arrived = (received: Received[]) => names(received).includes('room_member_added')
    await waitFor(() => [outSocket, outSse, farSocket, farSse].every(arrived))

    for (const [who, received] of Object.entries({ outSocket, outSse, farSocket, farSse })) {
      const leaked = names(received).filter((event) => CONVERSATION_EVENTS.includes(event))
      assert.deepEqual(leaked, [], `${who} received ${leaked.join(', ')}`)
    }
    const joined = await request(out.socket, 'join_room', { roomId: room.id })
    assert.equal(!joined.ok && joined.error.code, 'E_NOT_FOUND')
  })
})
