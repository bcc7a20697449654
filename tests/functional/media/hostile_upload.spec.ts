import { test } from '@japa/runner'
import { join } from 'node:path'
import { stat } from 'node:fs/promises'
import MediaAsset from '#models/media_asset'
import User from '#models/user'
import { resetDatabase } from '#tests/helpers/database'
import { startServer, type ServerProcess } from '#tests/helpers/server_process'
import { eventually } from '#tests/helpers/processes'
import { closeSockets, connectAt, request, type ClientSocket } from '#tests/helpers/sockets'
import { MAX_AVATAR_BYTES, MAX_MEDIA_BYTES } from '#validators/media'
import { MULTIPART_OVERHEAD_BYTES } from '#services/multipart_upload'
import {
  filesUnder,
  mediaRoot,
  mediaScene,
  pngBytes,
  stranger,
  trackFiles,
} from './media_fixtures.js'
import { removeFixtureFiles } from './media_fixtures.js'
import { multipart, rawUpload, type RawUpload } from './raw_upload.js'

/*
 * Hostile uploads against a real Parley node in a child process (a crash
 * there cannot take the test runner with it). After each one the node must
 * still be running, answer /health, and keep an already open socket
 * connected and answering: one request must never drop everyone else.
 */

const MB = 1024 * 1024

let node: ServerProcess
let watcher: { socket: ClientSocket; roomId: string; disconnects: string[] }

/** The node is alive, healthy, and the watcher's socket never dropped and still answers. */
async function assertNodeUp(assert: any) {
  assert.isTrue(node.alive(), `the node exited:\n${node.output()}`)
  const health = await fetch(`${node.url}/health`)
  assert.equal(health.status, 200)
  assert.deepEqual(watcher.disconnects, [])
  assert.isTrue(watcher.socket.connected)
  const answer = await request(watcher.socket, 'typing_start', { roomId: watcher.roomId })
  assert.isTrue(answer.ok)
}

/** Request options for `who` uploading to `path` on the child node. */
function upload(who: { token: string }, orgId: string | null, path: string, method = 'POST') {
  const headers: Record<string, string> = { authorization: `Bearer ${who.token}` }
  if (orgId) headers['x-organization-id'] = orgId
  return { url: node.url, path, method: method as RawUpload['method'], headers }
}

/** The two upload routes: a message attachment and an avatar. */
async function doors() {
  const scene = await mediaScene()
  trackFiles('avatars', scene.author.user.id)
  return {
    scene,
    routes: [
      {
        name: 'attachment',
        maxBytes: MAX_MEDIA_BYTES,
        request: upload(scene.author, scene.org.id, `/media/upload/${scene.message.id}`),
        kept: async () => {
          const rows = await MediaAsset.query().where('message_id', scene.message.id)
          const files = await filesUnder(join(mediaRoot(), scene.org.id))
          return [...rows.map((row) => row.id), ...files]
        },
      },
      {
        name: 'avatar',
        maxBytes: MAX_AVATAR_BYTES,
        request: upload(scene.author, null, '/users/me/avatar', 'PUT'),
        kept: async () => {
          const user = await User.findOrFail(scene.author.user.id)
          const files = await filesUnder(join(mediaRoot(), 'avatars', scene.author.user.id))
          return [...(user.avatarKey ? [user.avatarKey] : []), ...files]
        },
      },
    ],
  }
}

test.group('Hostile uploads against a running node', (group) => {
  group.setup(async () => {
    await resetDatabase()
    return async () => {
      closeSockets()
      await node?.stop()
    }
  })
  group.each.setup(async () => {
    // A node that died in the previous test is replaced, so each test shows its own result.
    if (node?.alive()) return
    closeSockets()
    node = await startServer({})
    const scene = await mediaScene()
    const { socket } = await connectAt(node.url, { token: scene.author.token })
    const disconnects: string[] = []
    socket.on('disconnect', (reason) => disconnects.push(reason))
    watcher = { socket, roomId: scene.room.id, disconnects }
  })
  group.each.teardown(() => removeFixtureFiles())

  test('a truncated multipart body is a 400 that keeps nothing ({$self})')
    .with([
      'file part cut short',
      'second file part cut short',
      'empty filename cut short',
      'other field cut short',
    ])
    .run(async ({ assert }, shape) => {
      const { routes } = await doors()
      const png = await pngBytes(300, 300)
      for (const route of routes) {
        const m = multipart()
        const parts: Record<string, Buffer[]> = {
          'file part cut short': [m.fileHead('file', 'a.png'), png.subarray(0, 2000)],
          'second file part cut short': [
            m.fileHead('file', 'a.png'),
            png,
            m.partEnd,
            m.fileHead('file', 'b.png'),
            png.subarray(0, 100),
          ],
          'empty filename cut short': [m.fileHead('file', ''), Buffer.from('abc')],
          'other field cut short': [
            m.field('note', 'hi'),
            m.fileHead('other', 'x.txt'),
            Buffer.from('abc'),
          ],
        }
        const body = Buffer.concat(parts[shape])
        const answer = await rawUpload({
          ...route.request,
          headers: { ...route.request.headers, 'content-type': m.contentType },
          body,
          contentLength: body.length,
          then: 'end',
        })
        assert.equal(answer.status, 400, `${route.name}: ${JSON.stringify(answer.body)}`)
        assert.equal(answer.body.errors[0].code, 'E_BAD_REQUEST')
        assert.deepEqual(await route.kept(), [], route.name)
        await assertNodeUp(assert)
      }
    })

  test('a body that breaks after a complete file keeps nothing', async ({ assert }) => {
    const { scene, routes } = await doors()
    const route = routes[0]
    const png = await pngBytes(300, 300)
    const m = multipart()
    const stored = async () => {
      const dir = join(mediaRoot(), scene.org.id, scene.room.id)
      const files = await filesUnder(dir)
      const stats = await Promise.all(files.map((file) => stat(file)))
      return stats.some((entry) => entry.size === png.length)
    }
    // The second part's boundary line ends the first file, which is then on the
    // disk in full before the rest of the body (cut short) arrives.
    const second = m.fileHead('file', 'b.png')
    const split = second.indexOf('\r\n') + 2
    const answer = await rawUpload({
      ...route.request,
      headers: { ...route.request.headers, 'content-type': m.contentType },
      body: Buffer.concat([m.fileHead('file', 'a.png'), png, m.partEnd, second.subarray(0, split)]),
      then: {
        when: () => eventually(stored, 10_000, () => 'the first file was never stored'),
        rest: Buffer.concat([second.subarray(split), png.subarray(0, 100)]),
      },
    })
    assert.equal(answer.status, 400, JSON.stringify(answer.body))
    assert.deepEqual(await route.kept(), [])
    await assertNodeUp(assert)
  })

  test('an upload the caller may not make is refused before its body is read', async ({
    assert,
  }) => {
    const { scene, routes } = await doors()
    const other = await stranger()
    const m = multipart()
    const path = `/media/upload/${scene.message.id}`
    const attempts = [
      { who: other, orgId: other.org.id, status: 404 },
      { who: other, orgId: scene.org.id, status: 404 },
      { who: scene.outsider, orgId: scene.org.id, status: 404 },
      { who: scene.roomMate, orgId: scene.org.id, status: 403 },
    ]
    for (const attempt of attempts) {
      const answer = await rawUpload({
        ...upload(attempt.who, attempt.orgId, path),
        headers: {
          ...upload(attempt.who, attempt.orgId, path).headers,
          'content-type': m.contentType,
        },
        body: Buffer.concat([m.fileHead('file', 'a.txt'), Buffer.alloc(1000, 'a')]),
        contentLength: 20 * MB,
        then: 'hold',
      })
      assert.equal(answer.status, attempt.status, JSON.stringify(answer.body))
      assert.isFalse(answer.requestFinished)
      assert.equal(answer.headers.connection, 'close')
    }
    assert.deepEqual(await routes[0].kept(), [])
    await assertNodeUp(assert)
  }).timeout(20_000)

  test('a declared Content-Length over the limit is a 413 before the body is read', async ({
    assert,
  }) => {
    const { routes } = await doors()
    for (const route of routes) {
      const m = multipart()
      const answer = await rawUpload({
        ...route.request,
        headers: { ...route.request.headers, 'content-type': m.contentType },
        body: m.fileHead('file', 'big.txt'),
        contentLength: route.maxBytes + MULTIPART_OVERHEAD_BYTES + 1,
        then: 'hold',
      })
      assert.equal(answer.status, 413, route.name)
      assert.equal(answer.body.errors[0].code, 'E_PAYLOAD_TOO_LARGE')
      assert.isFalse(answer.requestFinished)
      assert.deepEqual(await route.kept(), [], route.name)
      await assertNodeUp(assert)
    }
  }).timeout(20_000)

  test('a streamed body without a length is cut at the limit with 413', async ({ assert }) => {
    const { routes } = await doors()
    for (const route of routes) {
      const m = multipart()
      const limit = route.maxBytes + MULTIPART_OVERHEAD_BYTES
      const answer = await rawUpload({
        ...route.request,
        headers: { ...route.request.headers, 'content-type': m.contentType },
        body: m.fileHead('file', 'endless.txt'),
        then: { stream: limit + 64 * MB, close: m.close },
      })
      assert.equal(answer.status, 413, route.name)
      assert.equal(answer.body.errors[0].code, 'E_PAYLOAD_TOO_LARGE')
      assert.isFalse(answer.requestFinished, `${route.name}: the whole body was read`)
      assert.isBelow(answer.sentWhenAnswered, limit + 64 * MB)
      console.log(
        `${route.name}: limit ${(limit / MB).toFixed(0)} MB, ` +
          `${(answer.sentWhenAnswered / MB).toFixed(1)} MB sent when the 413 came`
      )
      assert.deepEqual(await route.kept(), [], route.name)
      await assertNodeUp(assert)
    }
  }).timeout(120_000)

  test('a client that disconnects mid-upload leaves nothing behind', async ({ assert }) => {
    const { routes } = await doors()
    for (const route of routes) {
      const m = multipart()
      await rawUpload({
        ...route.request,
        headers: { ...route.request.headers, 'content-type': m.contentType },
        body: Buffer.concat([m.fileHead('file', 'a.txt'), Buffer.alloc(2 * MB, 'a')]),
        contentLength: 4 * MB,
        then: 'disconnect',
      })
      const bytes = route.name === 'avatar' ? await pngBytes() : Buffer.from('all of it\n')
      const good = Buffer.concat([m.fileHead('file', 'good'), bytes, m.close])
      const answer = await rawUpload({
        ...route.request,
        headers: { ...route.request.headers, 'content-type': m.contentType },
        body: good,
        contentLength: good.length,
        then: 'end',
      })
      assert.oneOf(answer.status, [200, 201], JSON.stringify(answer.body))
      // Only the good upload's row (or avatar key) and file remain, once the abort is processed.
      await eventually(
        async () => {
          const kept = await route.kept()
          return kept.length === 2
        },
        10_000,
        () => `${route.name} kept more than the complete upload`
      )
      await assertNodeUp(assert)
    }
  }).timeout(30_000)
})
