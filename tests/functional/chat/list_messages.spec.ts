import { test } from '@japa/runner'
import AddLinkPreview from '#actions/messages/add_link_preview'
import db from '@adonisjs/lucid/services/db'
import { resetDatabase } from '#tests/helpers/database'
import { EXTRAS_SQL } from '#domain/messages/message_extras'
import { extrasFields } from '#transformers/message_transformer'
import MessageCipher from '#services/message_cipher'
import { as, chatOrg, groupRoom, otherOrg, send, watchOpenedBodies } from './chat_fixtures.js'
import { eventually } from '../notifications/notification_fixtures.js'

test.group('GET /chat/rooms/:roomId/messages', (group) => {
  group.each.setup(() => resetDatabase())

  test('requires a token', async ({ client }) => {
    const response = await client.get(`/chat/rooms/${crypto.randomUUID()}/messages`)
    response.assertStatus(401)
  })

  test('rejects a bad limit and before with after', async ({ client }) => {
    const { org, owner } = await chatOrg()
    const room = await groupRoom(org, owner, [])
    const url = `/chat/rooms/${room.id}/messages`
    const zero = await as(client, owner, org, 'get', url).qs({ limit: 0 })
    zero.assertStatus(422)
    zero.assertBodyContains({ errors: [{ code: 'E_VALIDATION_ERROR', field: 'limit' }] })
    const big = await as(client, owner, org, 'get', url).qs({ limit: 101 })
    big.assertStatus(422)
    const both = await as(client, owner, org, 'get', url).qs({ before: 5, after: 1 })
    both.assertStatus(422)
    both.assertBodyContains({ errors: [{ code: 'E_VALIDATION_ERROR', field: 'after' }] })
  })

  test('pages backwards by seq, oldest first within a page', async ({ client, assert }) => {
    const { org, owner } = await chatOrg()
    const room = await groupRoom(org, owner, [])
    for (let i = 1; i <= 7; i++) await send(org, owner, room.id, `m${i}`)
    const url = `/chat/rooms/${room.id}/messages`
    const latest = await as(client, owner, org, 'get', url).qs({ limit: 3 })
    latest.assertStatus(200)
    assert.deepEqual(
      latest.body().data.map((m: { content: string }) => m.content),
      ['m5', 'm6', 'm7']
    )
    assert.deepEqual(latest.body().meta, { hasMore: true, cursor: 5, syncCursor: 7 })
    const older = await as(client, owner, org, 'get', url).qs({ limit: 3, before: 5 })
    assert.deepEqual(
      older.body().data.map((m: { seq: number }) => m.seq),
      [2, 3, 4]
    )
    const oldest = await as(client, owner, org, 'get', url).qs({ limit: 3, before: 2 })
    assert.deepEqual(
      oldest.body().data.map((m: { seq: number }) => m.seq),
      [1]
    )
    assert.isFalse(oldest.body().meta.hasMore)
  })

  test('after= returns exactly the new, edited and deleted messages since a cursor', async ({
    client,
    assert,
  }) => {
    const { org, owner, alice } = await chatOrg()
    const room = await groupRoom(org, owner, [alice])
    const m1 = await send(org, owner, room.id, 'one')
    const m2 = await send(org, owner, room.id, 'two')
    const m3 = await send(org, alice, room.id, 'three')
    const url = `/chat/rooms/${room.id}/messages`
    const start = await as(client, alice, org, 'get', url)
    const cursor = start.body().meta.syncCursor
    assert.equal(cursor, 3)

    const none = await as(client, alice, org, 'get', url).qs({ after: cursor })
    assert.deepEqual(none.body().data, [])
    assert.deepEqual(none.body().meta, { hasMore: false, cursor, syncCursor: cursor })

    await as(client, alice, org, 'put', `/chat/messages/${m3.id}`).json({ content: 'three!' })
    const m4 = await send(org, owner, room.id, 'four')
    await as(client, owner, org, 'delete', `/chat/messages/${m1.id}`)
    await as(client, owner, org, 'put', `/chat/messages/${m2.id}`).json({ content: 'two!' })

    const changes = await as(client, alice, org, 'get', url).qs({ after: cursor })
    changes.assertStatus(200)
    const data = changes.body().data as {
      id: string
      content: string | null
      deletedAt: string | null
    }[]
    assert.deepEqual(
      data.map((m) => m.id),
      [m3.id, m4.id, m1.id, m2.id]
    )
    assert.equal(data[0].content, 'three!')
    assert.isNull(data[2].content)
    assert.isString(data[2].deletedAt)
    assert.equal(changes.body().meta.cursor, 7)

    const paged = await as(client, alice, org, 'get', url).qs({ after: cursor, limit: 2 })
    assert.deepEqual(
      paged.body().data.map((m: { id: string }) => m.id),
      [m3.id, m4.id]
    )
    assert.isTrue(paged.body().meta.hasMore)
    const rest = await as(client, alice, org, 'get', url).qs({
      after: paged.body().meta.cursor,
      limit: 2,
    })
    assert.deepEqual(
      rest.body().data.map((m: { id: string }) => m.id),
      [m1.id, m2.id]
    )
    const drained = await as(client, alice, org, 'get', url).qs({ after: rest.body().meta.cursor })
    assert.deepEqual(drained.body().data, [])
  })

  test("answers 404 for another organization's room and for non-members", async ({ client }) => {
    const { org, owner, alice, bob } = await chatOrg()
    const room = await groupRoom(org, owner, [alice])
    const { org: foreign, stranger } = await otherOrg()
    const url = `/chat/rooms/${room.id}/messages`
    const foreignResponse = await as(client, stranger, foreign, 'get', url)
    foreignResponse.assertStatus(404)
    const outsider = await as(client, bob, org, 'get', url)
    outsider.assertStatus(404)
  })

  test('reads each message exactly as its send and edit answered it', async ({
    client,
    assert,
  }) => {
    const { org, owner, alice, bob } = await chatOrg()
    const room = await groupRoom(org, owner, [alice, bob])
    const post = (who: typeof owner, body: Record<string, unknown>) =>
      as(client, who, org, 'post', '/chat/messages').json({ roomId: room.id, ...body })
    const mentioning = await post(owner, {
      content: `hello @${alice.user.username} and @${bob.user.username}`,
    })
    const reply = await post(alice, {
      content: 'a reply',
      replyToId: mentioning.body().data.id,
      clientMessageId: crypto.randomUUID(),
    })
    const everyone = await post(bob, { content: 'hey @all' })
    const plain = await post(owner, { content: 'plain' })
    const edited = await as(
      client,
      alice,
      org,
      'put',
      `/chat/messages/${reply.body().data.id}`
    ).json({ content: 'a reply, edited' })
    edited.assertStatus(200)
    const removal = await as(client, owner, org, 'delete', `/chat/messages/${plain.body().data.id}`)
    removal.assertStatus(204)

    /** Mentions have no defined order: compare them sorted. */
    type Shape = { id: string; editedAt: string | null; mentions: { userId: string }[] }
    const normal = (message: Shape): Shape => ({
      ...message,
      mentions: [...message.mentions].sort((a, b) => a.userId.localeCompare(b.userId)),
    })
    const expected = [edited, everyone].map((r) => normal(r.body().data))
    // The reply restamped its root and gave it a thread summary after the send answered.
    const root = normal(mentioning.body().data) as any
    const rootVersion = root.versionSeq
    delete root.versionSeq
    delete root.thread
    const url = `/chat/rooms/${room.id}/messages`
    for (const query of [{}, { after: 0 }]) {
      const page = await as(client, bob, org, 'get', url).qs(query)
      page.assertStatus(200)
      const byId = new Map(page.body().data.map((m: { id: string }) => [m.id, m]))
      for (const message of expected)
        assert.deepEqual(normal(byId.get(message.id) as never), message)
      const { versionSeq, thread, ...pageRoot } = normal(byId.get(root.id) as never) as any
      assert.deepEqual(pageRoot, root)
      assert.isAbove(versionSeq, rootVersion)
      assert.equal(thread.replyCount, 1)
      assert.lengthOf(root.mentions, 2)
      assert.isString(expected[0].editedAt)
      const deleted = byId.get(plain.body().data.id) as Record<string, unknown>
      assert.deepEqual(deleted, {
        ...plain.body().data,
        content: null,
        versionSeq: deleted.versionSeq,
        deletedAt: deleted.deletedAt,
      })
      assert.match(
        String(deleted.deletedAt),
        /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[+-]\d\d:\d\d$/
      )
      assert.isAbove(Number(deleted.versionSeq), plain.body().data.versionSeq)
    }
  })

  test('shows reactions, pins, threads, previews, edits and deletes as the per-message read does', async ({
    client,
    assert,
  }) => {
    const { org, owner, alice, bob } = await chatOrg()
    const room = await groupRoom(org, owner, [alice, bob])
    type Who = typeof owner
    const post = async (who: Who, body: Record<string, unknown>) => {
      const response = await as(client, who, org, 'post', '/chat/messages').json({
        roomId: room.id,
        ...body,
      })
      response.assertStatus(201)
      return response.body().data as { id: string; createdAt: string }
    }
    const call = async (who: Who, method: 'put' | 'post' | 'delete', url: string, body = {}) => {
      const response = await as(client, who, org, method, url).json(body)
      assert.isBelow(response.status(), 300, `${method} ${url}: ${response.text()}`)
    }
    const liked = await post(owner, { content: 'pinned and liked' })
    const root = await post(alice, { content: 'a thread root' })
    const first = await post(bob, { content: 'reply one', replyToId: root.id })
    const hidden = await post(owner, { content: 'reply two', replyToId: root.id, threadOnly: true })
    const dropped = await post(alice, { content: 'reply three', replyToId: root.id })
    const edited = await post(bob, { content: 'before the edit' })
    const removed = await post(owner, { content: 'to be deleted' })
    for (const reply of [first, hidden, dropped])
      await eventually(() => db.from('thread_replies').where('message_id', reply.id).first())

    const react = (who: Who, id: string, emoji: string) =>
      call(who, 'post', `/chat/messages/${id}/reactions`, { emoji })
    await react(bob, liked.id, '🎉')
    await react(alice, liked.id, '👍')
    await react(bob, liked.id, '👍')
    await react(alice, removed.id, '👀')
    await call(owner, 'put', `/chat/messages/${liked.id}/pin`)
    await call(bob, 'put', `/chat/messages/${edited.id}`, { content: 'after the edit' })
    await call(owner, 'delete', `/chat/messages/${removed.id}`)
    await call(alice, 'delete', `/chat/messages/${dropped.id}`)
    const preview = {
      url: 'https://example.com/',
      title: 'Example',
      description: null,
      imageUrl: null,
      siteName: null,
    }
    assert.isTrue(await AddLinkPreview.handle(root.id, preview))

    const url = `/chat/rooms/${room.id}/messages`
    const latest = await as(client, alice, org, 'get', url)
    latest.assertStatus(200)
    type Page = { id: string; [field: string]: unknown }[]
    const byId = new Map((latest.body().data as Page).map((m) => [m.id, m]))
    assert.deepEqual(
      [...byId.keys()],
      [liked.id, root.id, first.id, dropped.id, edited.id, removed.id],
      'a thread-only reply is not in the timeline'
    )
    const page = (id: string) => byId.get(id) as Record<string, any>

    assert.deepEqual(page(liked.id).reactions, [
      { emoji: '🎉', count: 1, me: false },
      { emoji: '👍', count: 2, me: true },
    ])
    assert.equal(page(liked.id).pin.pinnedById, owner.user.id)
    assert.deepEqual(page(root.id).thread.replyCount, 2, 'the deleted reply does not count')
    assert.sameMembers(page(root.id).thread.participantIds, [bob.user.id, owner.user.id])
    assert.deepEqual(page(root.id).preview, { ...preview, imageUrl: null, siteName: null })
    assert.equal(page(first.id).threadRootId, root.id)
    assert.equal(page(dropped.id).threadRootId, root.id)
    assert.equal(page(edited.id).content, 'after the edit')
    assert.isString(page(edited.id).editedAt)
    assert.isNull(page(removed.id).content)
    assert.deepEqual(page(removed.id).reactions, [])
    assert.isString(page(removed.id).deletedAt)
    for (const id of [root.id, first.id, edited.id, removed.id]) {
      assert.isNull(page(id).pin)
      assert.deepEqual(page(id).mentions, [])
    }

    // The same extras as the per-message read (EXTRAS_SQL, the answers to a
    // reaction, a pin, an edit), for every message, the thread-only one too.
    const ids = [liked, root, first, hidden, dropped, edited, removed].map((m) => m.id)
    const single = await db.rawQuery(
      `SELECT messages.id, messages.deleted_at, ${EXTRAS_SQL} FROM messages WHERE messages.id = ANY(?::uuid[])`,
      [alice.user.id, ids]
    )
    const sync = await as(client, alice, org, 'get', url).qs({ after: 0 })
    sync.assertStatus(200)
    const synced = new Map((sync.body().data as Page).map((m) => [m.id, m]))
    assert.sameMembers([...synced.keys()], ids)
    for (const row of single.rows) {
      const want = extrasFields(row, Boolean(row.deleted_at))
      const fields = (m: Record<string, unknown>) => ({
        reactions: m.reactions,
        pin: m.pin,
        thread: m.thread,
        threadRootId: m.threadRootId,
        preview: m.preview,
      })
      assert.deepEqual(fields(synced.get(row.id)!), want, row.id)
      if (byId.has(row.id)) assert.deepEqual(byId.get(row.id), synced.get(row.id), row.id)
    }
  })

  test('opens each body once while its room key stays cached, never serving an old text', async ({
    client,
    assert,
  }) => {
    const { org, owner, alice } = await chatOrg()
    const room = await groupRoom(org, owner, [alice])
    const sent = []
    for (let i = 1; i <= 4; i++) sent.push(await send(org, owner, room.id, `m${i}`))
    const url = `/chat/rooms/${room.id}/messages`
    const { opened, restore } = watchOpenedBodies()
    const read = async () => {
      opened.length = 0
      const page = await as(client, alice, org, 'get', url)
      page.assertStatus(200)
      return page.body().data.map((m: { content: string | null }) => m.content)
    }
    try {
      MessageCipher.forget()
      assert.deepEqual(await read(), ['m1', 'm2', 'm3', 'm4'])
      assert.sameMembers(opened, ['m1', 'm2', 'm3', 'm4'])
      assert.deepEqual(await read(), ['m1', 'm2', 'm3', 'm4'])
      assert.deepEqual(opened, [], 'the second page opens nothing')

      const edit = await as(client, owner, org, 'put', `/chat/messages/${sent[1].id}`).json({
        content: 'm2, edited',
      })
      edit.assertStatus(200)
      const removal = await as(client, owner, org, 'delete', `/chat/messages/${sent[2].id}`)
      removal.assertStatus(204)
      assert.deepEqual(await read(), ['m1', 'm2, edited', null, 'm4'])
      assert.deepEqual(opened, ['m2, edited'], 'only the new ciphertext is opened')

      // A forgotten key (retired, destroyed, expired) takes its bodies with it.
      const [key] = await db.from('room_keys').where('room_id', room.id).select('id')
      MessageCipher.forget([key.id])
      assert.equal(MessageCipher.openedBodies, 0)
      assert.deepEqual(await read(), ['m1', 'm2, edited', null, 'm4'])
      assert.sameMembers(opened, ['m1', 'm2, edited', 'm4'])
    } finally {
      restore()
    }
  })
})
