import { randomUUID } from 'node:crypto'
import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import type { ApiClient } from '@japa/api-client'
import AddLinkPreview from '#actions/messages/add_link_preview'
import DeleteAccount from '#actions/admin/delete_account'
import RunRetention from '#actions/retention/run_retention'
import { forgetRecentReads, recentPagesKept } from '#domain/messages/message_pages'
import { resetDatabase } from '#tests/helpers/database'
import { expectStatus } from '#tests/helpers/requests'
import type { UserWithToken } from '#tests/helpers/users'
import type Organization from '#models/organization'
import { as, chatOrg, groupRoom, member, otherOrg, send } from './chat_fixtures.js'
import { eventually, notificationFor } from '../notifications/notification_fixtures.js'

/*
 * A node answers a history page it answered before when the page statement
 * finds the room's (change_seq, page epoch) unchanged
 * (app/domain/messages/message_pages.ts, `RecentPages`). Every change to
 * what a page shows must move one of the two, whoever makes it: the
 * actions, which give the message a new version, and the database's own
 * deletes and SET NULLs, which the `room_page_epochs` triggers count. Each
 * case reads the pages first, so they are known, then changes one thing
 * without going through the reading node, then reads again.
 */

type Message = { id: string; content: string | null; senderId: string | null; [k: string]: any }

async function scene() {
  const { org, owner, moderator, alice, bob } = await chatOrg()
  const carol = await member(org)
  const room = await groupRoom(org, owner, [alice, bob, moderator, carol])
  const firstText = `first, for @${alice.user.username}`
  const first = await send(org, bob, room.id, firstText)
  const second = await send(org, owner, room.id, 'second')
  return { org, owner, moderator, alice, bob, carol, room, first, firstText, second }
}

function reader(client: ApiClient, org: Organization, roomId: string) {
  return async (who: UserWithToken, query = '') => {
    const response = await expectStatus(
      as(client, who, org, 'get', `/chat/rooms/${roomId}/messages${query}`),
      200
    )
    return response.body() as { data: Message[]; meta: Record<string, unknown> }
  }
}

const byId = (page: { data: Message[] }, id: string) => page.data.find((m) => m.id === id)

test.group('History pages answered again', (group) => {
  group.each.setup(() => resetDatabase())

  test('an unchanged room is answered from the page known, not read again', async ({
    client,
    assert,
  }) => {
    const { org, alice, bob, room, first } = await scene()
    await expectStatus(
      as(client, bob, org, 'post', `/chat/messages/${first.id}/reactions`).json({ emoji: '👍' }),
      200
    )
    const read = reader(client, org, room.id)
    forgetRecentReads()
    const before = await read(alice)
    assert.lengthOf(byId(before, first.id)!.reactions, 1)
    // A hint that changes nothing shown, so it moves neither counter; a fresh
    // read would now skip the reactions.
    await db.from('messages').update({ extra_kinds: 0 })
    assert.deepEqual(await read(alice), before)
    assert.isAbove(recentPagesKept(), 0)
    forgetRecentReads()
    assert.isEmpty(byId(await read(alice), first.id)!.reactions)
  })

  const cases: {
    name: string
    change: (s: Awaited<ReturnType<typeof scene>>, client: ApiClient) => Promise<unknown>
    seen: (
      pages: { alice: { data: Message[] }; bob: { data: Message[] } },
      s: Awaited<ReturnType<typeof scene>>
    ) => void
  }[] = [
    {
      name: 'a new message',
      change: (s) => send(s.org, s.owner, s.room.id, 'third'),
      seen: ({ alice }) => {
        if (alice.data.at(-1)?.content !== 'third') throw new Error('no new message')
      },
    },
    {
      name: 'an edit',
      change: (s, client) =>
        expectStatus(
          as(client, s.owner, s.org, 'put', `/chat/messages/${s.second.id}`).json({
            content: 'second, edited',
          }),
          200
        ),
      seen: ({ alice }, s) => {
        if (byId(alice, s.second.id)!.content !== 'second, edited') throw new Error('old text')
      },
    },
    {
      name: 'a delete',
      change: (s, client) =>
        expectStatus(as(client, s.owner, s.org, 'delete', `/chat/messages/${s.second.id}`), 204),
      seen: ({ alice }, s) => {
        if (byId(alice, s.second.id)!.content !== null) throw new Error('deleted text shown')
      },
    },
    {
      name: "a reaction, with each reader's own flag",
      change: (s, client) =>
        expectStatus(
          as(client, s.bob, s.org, 'post', `/chat/messages/${s.second.id}/reactions`).json({
            emoji: '🎉',
          }),
          200
        ),
      seen: ({ alice, bob }, s) => {
        const mine = (page: { data: Message[] }) => byId(page, s.second.id)!.reactions[0]?.me
        if (mine(alice) !== false || mine(bob) !== true) throw new Error('wrong reactions')
      },
    },
    {
      name: 'a pin',
      change: (s, client) =>
        expectStatus(as(client, s.owner, s.org, 'put', `/chat/messages/${s.second.id}/pin`), 200),
      seen: ({ alice }, s) => {
        if (!byId(alice, s.second.id)!.pin) throw new Error('no pin')
      },
    },
    {
      name: 'a thread reply',
      change: async (s, client) => {
        const reply = await expectStatus(
          as(client, s.alice, s.org, 'post', '/chat/messages').json({
            roomId: s.room.id,
            content: 'in the thread',
            replyToId: s.second.id,
          }),
          201
        )
        // Filed under its root after the send commits.
        const id = reply.body().data.id
        await eventually(() => db.from('thread_replies').where('message_id', id).first())
      },
      seen: ({ alice }, s) => {
        if (!byId(alice, s.second.id)!.thread) throw new Error('no thread summary yet')
      },
    },
    {
      name: 'a link preview',
      change: (s) =>
        AddLinkPreview.handle(s.second.id, {
          url: 'https://example.com/',
          title: 'Example',
          description: null,
          imageUrl: null,
          siteName: null,
        }),
      seen: ({ alice }, s) => {
        if (byId(alice, s.second.id)!.preview?.url !== 'https://example.com/')
          throw new Error('no preview')
      },
    },
  ]

  for (const { name, change, seen } of cases) {
    test(`${name} is seen on the next page`, async ({ client }) => {
      const s = await scene()
      const read = reader(client, s.org, s.room.id)
      await read(s.alice)
      await read(s.bob)
      await change(s, client)
      seen({ alice: await read(s.alice), bob: await read(s.bob) }, s)
    })
  }

  test('an edit is seen on the next after= and before= pages too', async ({ client, assert }) => {
    const s = await scene()
    const read = reader(client, s.org, s.room.id)
    const queries = ['?after=0', `?before=${s.second.seq + 1}`]
    for (const query of queries)
      assert.equal(byId(await read(s.alice, query), s.first.id)!.content, s.firstText)
    await expectStatus(
      as(client, s.bob, s.org, 'put', `/chat/messages/${s.first.id}`).json({
        content: 'first, edited',
      }),
      200
    )
    for (const query of queries) {
      assert.equal(byId(await read(s.alice, query), s.first.id)!.content, 'first, edited', query)
    }
  })

  test('an account deleted for good takes its mentions, reactions and pins off the next page', async ({
    client,
    assert,
  }) => {
    const s = await scene()
    await expectStatus(
      as(client, s.carol, s.org, 'post', `/chat/messages/${s.second.id}/reactions`).json({
        emoji: '👀',
      }),
      200
    )
    await expectStatus(
      as(client, s.moderator, s.org, 'put', `/chat/messages/${s.first.id}/pin`),
      200
    )
    const read = reader(client, s.org, s.room.id)
    const shown = async (id: string, field: 'mentions' | 'reactions' | 'pin') => {
      const page = await read(s.owner)
      return byId(page, id)![field]
    }
    // Each account only mentioned, only reacting or only pinning: one
    // cascade each, so each is seen on its own.
    assert.lengthOf(await shown(s.first.id, 'mentions'), 1)
    await DeleteAccount.handle(s.alice.user)
    assert.deepEqual(await shown(s.first.id, 'mentions'), [], 'a mention')

    assert.lengthOf(await shown(s.second.id, 'reactions'), 1)
    await DeleteAccount.handle(s.carol.user)
    assert.deepEqual(await shown(s.second.id, 'reactions'), [], 'a reaction')

    const pin = await shown(s.first.id, 'pin')
    assert.equal(pin.pinnedById, s.moderator.user.id)
    await DeleteAccount.handle(s.moderator.user)
    const unpinned = await shown(s.first.id, 'pin')
    assert.isNull(unpinned.pinnedById, 'a pin')
  })

  test("an account's messages lose their sender on the next page", async ({ client, assert }) => {
    const s = await scene()
    const read = reader(client, s.org, s.room.id)
    assert.equal(byId(await read(s.alice), s.first.id)!.senderId, s.bob.user.id)
    await DeleteAccount.handle(s.bob.user)
    assert.isNull(byId(await read(s.alice), s.first.id)!.senderId)
  })

  test('messages deleted for good by the retention sweep leave the next page', async ({
    client,
    assert,
  }) => {
    const s = await scene()
    await db
      .from('messages')
      .where('id', s.first.id)
      .update({ created_at: db.raw(`now() - make_interval(days => 10)`) })
    await db.from('organizations').where('id', s.org.id).update({ retention_days: 7 })
    const read = reader(client, s.org, s.room.id)
    for (const query of ['', '?after=0', `?before=${s.second.seq}`]) {
      assert.isDefined(byId(await read(s.alice, query), s.first.id), query)
    }
    const [count] = await RunRetention.handle({ organizationId: s.org.id })
    assert.equal(count.messages, 1)
    for (const query of ['', '?after=0', `?before=${s.second.seq}`]) {
      assert.isUndefined(byId(await read(s.alice, query), s.first.id), query)
    }
  })

  test('a shown column changed by hand, with no new version, is seen on the next page', async ({
    client,
    assert,
  }) => {
    const s = await scene()
    const read = reader(client, s.org, s.room.id)
    await read(s.alice)
    const byHand = randomUUID()
    await db.from('messages').where('id', s.second.id).update({ client_message_id: byHand })
    assert.equal(byId(await read(s.alice), s.second.id)!.clientMessageId, byHand)
  })

  test('a known page is never answered to a reader the gate refuses', async ({ client }) => {
    const s = await scene()
    const read = reader(client, s.org, s.room.id)
    await read(s.alice)
    await expectStatus(
      as(client, s.owner, s.org, 'delete', `/chat/rooms/${s.room.id}/members/${s.alice.user.id}`),
      204
    )
    await expectStatus(as(client, s.alice, s.org, 'get', `/chat/rooms/${s.room.id}/messages`), 404)
    const { org: other, stranger } = await otherOrg()
    await expectStatus(as(client, stranger, other, 'get', `/chat/rooms/${s.room.id}/messages`), 404)
    await read(s.bob)
    await db.from('auth_access_tokens').where('tokenable_id', s.bob.user.id).delete()
    await expectStatus(as(client, s.bob, s.org, 'get', `/chat/rooms/${s.room.id}/messages`), 401)
  })

  test("an account's deletion counting its rooms' changes does not wait on a send in flight there", async ({
    assert,
  }) => {
    const s = await scene()
    // The mention's notification is written after the send: let it land first.
    await notificationFor(s.alice, s.first.id)
    // A send in flight: its batch holds the room FOR UPDATE (the admission)
    // and will take the sender's row FOR KEY SHARE (its message's sender_id).
    const inFlight = await db.transaction()
    try {
      await inFlight.rawQuery('SELECT id FROM rooms WHERE id = ? FOR UPDATE', [s.room.id])
      let settled: string | undefined
      const deletion = DeleteAccount.handle(s.bob.user).then(
        () => (settled = 'deleted'),
        (error: { code?: string }) => (settled = `failed: ${error.code}`)
      )
      // Until the deletion is done, or waits on a lock while it holds Bob's row.
      for (let i = 0; i < 100 && !settled; i++) {
        const [waiting] = await db
          .from('pg_stat_activity')
          .where('wait_event_type', 'Lock')
          .whereRaw(`query ILIKE 'delete from "users"%'`)
          .count('* as n')
        if (Number(waiting.n) > 0) break
        await new Promise((resolve) => setTimeout(resolve, 20))
      }
      const sender = await inFlight
        .rawQuery('SELECT id FROM users WHERE id = ? FOR KEY SHARE', [s.bob.user.id])
        .then(
          (result) => `read ${result.rows.length}`,
          (error: { code?: string }) => `failed: ${error.code}`
        )
      await inFlight.rollback()
      assert.equal(await deletion, 'deleted')
      assert.equal(sender, 'read 0', 'the send finds the sender gone, no deadlock')
    } finally {
      if (!inFlight.isCompleted) await inFlight.rollback()
    }
  })
})
