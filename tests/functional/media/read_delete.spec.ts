import { test } from '@japa/runner'
import { randomUUID } from 'node:crypto'
import { join } from 'node:path'
import { access } from 'node:fs/promises'
import db from '@adonisjs/lucid/services/db'
import MediaAsset from '#models/media_asset'
import { resetDatabase } from '#tests/helpers/database'
import { deleteMediaForMessage, signDownload } from '#services/media_storage'
import {
  as,
  filesUnder,
  mediaRoot,
  mediaScene,
  pngBytes,
  removeFixtureFiles,
  sha256,
  stranger,
} from './media_fixtures.js'

type Scene = Awaited<ReturnType<typeof mediaScene>>

/** Uploads a PNG as the message's author; returns the API's view of it. */
async function uploadPng(client: any, scene: Scene) {
  const png = await pngBytes(200, 100)
  const response = await as(
    client,
    scene.author,
    scene.org,
    'post',
    `/media/upload/${scene.message.id}`
  ).file('file', png, { filename: 'chart.png' })
  response.assertStatus(201)
  return { png, data: response.body().data }
}

/** GETs a (relative) signed URL without any token. */
async function download(url: string) {
  const response = await fetch(`http://${process.env.HOST}:${process.env.PORT}${url}`)
  return {
    status: response.status,
    headers: response.headers,
    bytes: Buffer.from(await response.arrayBuffer()),
  }
}

/** The status of a signed URL fetch. */
async function statusOf(url: string) {
  const response = await fetch(`http://${process.env.HOST}:${process.env.PORT}${url}`)
  await response.arrayBuffer()
  return response.status
}

const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false
  )

test.group('GET /media/:mediaId and the signed download', (group) => {
  group.each.setup(() => resetDatabase())
  group.each.teardown(() => removeFixtureFiles())

  test('requires a token', async ({ client }) => {
    const response = await client.get(`/media/${randomUUID()}`)
    response.assertStatus(401)
  })

  test('gives room members details and a URL that downloads the same bytes', async ({
    client,
    assert,
  }) => {
    const scene = await mediaScene()
    const { png, data } = await uploadPng(client, scene)
    const response = await as(client, scene.roomMate, scene.org, 'get', `/media/${data.id}`)
    response.assertStatus(200)
    const shown = response.body().data
    assert.equal(shown.id, data.id)
    assert.equal(shown.sha256, sha256(png))
    const expiresIn = Date.parse(shown.urlExpiresAt) - Date.now()
    assert.isAbove(expiresIn, 4 * 60 * 1000)
    assert.isAtMost(expiresIn, 5 * 60 * 1000)

    const file = await download(shown.url)
    assert.equal(file.status, 200)
    assert.equal(file.headers.get('content-type'), 'image/png')
    assert.match(file.headers.get('content-disposition')!, /^inline; filename="chart.png"/)
    assert.equal(sha256(file.bytes), sha256(png))
    const thumbnail = await download(shown.thumbnailUrl)
    assert.equal(thumbnail.status, 200)
    assert.equal(thumbnail.bytes.subarray(8, 12).toString(), 'WEBP')
  })

  test('refuses a tampered or unsigned URL', async ({ client, assert }) => {
    const scene = await mediaScene()
    const { data } = await uploadPng(client, scene)
    const url = new URL(data.url, 'http://x')
    const signature = url.searchParams.get('signature')!
    const flipped = signature.at(-1) === 'A' ? 'B' : 'A'
    url.searchParams.set('signature', signature.slice(0, -1) + flipped)
    assert.equal(await statusOf(url.pathname + url.search), 401)

    const otherType = new URL(data.url, 'http://x')
    otherType.searchParams.set('contentType', 'text/html')
    assert.equal(await statusOf(otherType.pathname + otherType.search), 401)

    assert.equal(await statusOf(new URL(data.url, 'http://x').pathname), 401)
    const refused = await fetch(`http://${process.env.HOST}:${process.env.PORT}${url.pathname}`)
    assert.deepInclude(((await refused.json()) as any).errors[0], { code: 'E_UNAUTHORIZED' })
  })

  test('refuses a URL once its 5 minutes are over, and not before', async ({ client, assert }) => {
    const scene = await mediaScene()
    const { data } = await uploadPng(client, scene)
    const asset = await MediaAsset.findOrFail(data.id)
    const realNow = Date.now
    const signedAgo = async (minutes: number) => {
      Date.now = () => realNow() - minutes * 60 * 1000
      try {
        const { url } = await signDownload(asset)
        return url
      } finally {
        Date.now = realNow
      }
    }
    assert.equal(await statusOf(await signedAgo(4)), 200)
    assert.equal(await statusOf(await signedAgo(6)), 401)
  })

  test('answers 404 to non-members, other organizations and bad ids', async ({ client }) => {
    const scene = await mediaScene()
    const { data } = await uploadPng(client, scene)
    const other = await stranger()
    const attempts = [
      as(client, scene.outsider, scene.org, 'get', `/media/${data.id}`),
      as(client, other, other.org, 'get', `/media/${data.id}`),
      as(client, other, scene.org, 'get', `/media/${data.id}`),
      as(client, scene.author, scene.org, 'get', `/media/${randomUUID()}`),
      as(client, scene.author, scene.org, 'get', '/media/not-a-uuid'),
    ]
    for (const request of attempts) {
      const response = await request
      response.assertStatus(404)
      response.assertBodyContains({ errors: [{ code: 'E_NOT_FOUND' }] })
    }
  })
})

test.group('GET /media/message/:messageId', (group) => {
  group.each.setup(() => resetDatabase())
  group.each.teardown(() => removeFixtureFiles())

  test('requires a token', async ({ client }) => {
    const response = await client.get(`/media/message/${randomUUID()}`)
    response.assertStatus(401)
  })

  test('lists the files of a message for room members, oldest first', async ({
    client,
    assert,
  }) => {
    const scene = await mediaScene()
    const first = await uploadPng(client, scene)
    const second = await uploadPng(client, scene)
    const response = await as(
      client,
      scene.roomMate,
      scene.org,
      'get',
      `/media/message/${scene.message.id}`
    )
    response.assertStatus(200)
    const list = response.body().data
    assert.deepEqual(
      list.map((item: { id: string }) => item.id),
      [first.data.id, second.data.id]
    )
    assert.match(list[0].url, /signature=/)
  })

  test('answers 404 to non-members, other organizations and bad ids', async ({ client }) => {
    const scene = await mediaScene()
    const other = await stranger()
    const url = `/media/message/${scene.message.id}`
    const attempts = [
      as(client, scene.outsider, scene.org, 'get', url),
      as(client, other, other.org, 'get', url),
      as(client, scene.author, scene.org, 'get', `/media/message/${randomUUID()}`),
      as(client, scene.author, scene.org, 'get', '/media/message/nope'),
    ]
    for (const request of attempts) {
      const response = await request
      response.assertStatus(404)
      response.assertBodyContains({ errors: [{ code: 'E_NOT_FOUND' }] })
    }
  })
})

test.group('DELETE /media/:mediaId and deleteMediaForMessage', (group) => {
  group.each.setup(() => resetDatabase())
  group.each.teardown(() => removeFixtureFiles())

  test('requires a token', async ({ client }) => {
    const response = await client.delete(`/media/${randomUUID()}`)
    response.assertStatus(401)
  })

  test('lets the uploader delete a file and its thumbnail', async ({ client, assert }) => {
    const scene = await mediaScene()
    const { data } = await uploadPng(client, scene)
    const response = await as(client, scene.author, scene.org, 'delete', `/media/${data.id}`)
    response.assertStatus(204)
    assert.isNull(await MediaAsset.find(data.id))
    assert.deepEqual(await filesUnder(join(mediaRoot(), scene.org.id)), [])
    const again = await as(client, scene.author, scene.org, 'get', `/media/${data.id}`)
    again.assertStatus(404)
  })

  test('answers 403 to other room members and lets moderators delete', async ({
    client,
    assert,
  }) => {
    const scene = await mediaScene()
    const { data } = await uploadPng(client, scene)
    const member = await as(client, scene.roomMate, scene.org, 'delete', `/media/${data.id}`)
    member.assertStatus(403)
    member.assertBodyContains({ errors: [{ code: 'E_FORBIDDEN' }] })
    assert.isNotNull(await MediaAsset.find(data.id))
    const moderator = await as(client, scene.moderator, scene.org, 'delete', `/media/${data.id}`)
    moderator.assertStatus(204)
  })

  test('answers 404 to non-members, other organizations and bad ids', async ({
    client,
    assert,
  }) => {
    const scene = await mediaScene()
    const { data } = await uploadPng(client, scene)
    const other = await stranger()
    const attempts = [
      as(client, scene.outsider, scene.org, 'delete', `/media/${data.id}`),
      as(client, other, other.org, 'delete', `/media/${data.id}`),
      as(client, scene.author, scene.org, 'delete', '/media/42'),
    ]
    for (const request of attempts) {
      const response = await request
      response.assertStatus(404)
      response.assertBodyContains({ errors: [{ code: 'E_NOT_FOUND' }] })
    }
    assert.isNotNull(await MediaAsset.find(data.id))
  })

  test('deleteMediaForMessage removes files after commit, and keeps them on rollback', async ({
    client,
    assert,
  }) => {
    const scene = await mediaScene()
    await uploadPng(client, scene)
    const [asset] = await MediaAsset.all()
    const file = join(mediaRoot(), asset.key)

    const trx = await db.transaction()
    assert.equal(await deleteMediaForMessage(scene.message.id, trx), 1)
    await trx.rollback()
    assert.isTrue(await exists(file))
    assert.lengthOf(await MediaAsset.all(), 1)

    await db.transaction((inner) => deleteMediaForMessage(scene.message.id, inner))
    assert.lengthOf(await MediaAsset.all(), 0)
    assert.deepEqual(await filesUnder(join(mediaRoot(), scene.org.id)), [])
    assert.equal(await deleteMediaForMessage(scene.message.id), 0)
  })

  test('deleting the message through the API deletes its files, rows and thumbnails', async ({
    client,
    assert,
  }) => {
    const scene = await mediaScene()
    const { data } = await uploadPng(client, scene)
    const [asset] = await MediaAsset.all()
    assert.isNotNull(asset.thumbnailKey)
    const files = [join(mediaRoot(), asset.key), join(mediaRoot(), asset.thumbnailKey!)]
    for (const file of files) assert.isTrue(await exists(file))

    const deleted = await as(
      client,
      scene.moderator,
      scene.org,
      'delete',
      `/chat/messages/${scene.message.id}`
    )
    deleted.assertStatus(204)

    assert.lengthOf(await MediaAsset.all(), 0)
    for (const file of files) assert.isFalse(await exists(file))
    const gone = await as(client, scene.author, scene.org, 'get', `/media/${data.id}`)
    gone.assertStatus(404)
    const missing = await fetch(`http://${process.env.HOST}:${process.env.PORT}${data.url}`)
    assert.equal(missing.status, 404)
    assert.deepInclude(((await missing.json()) as any).errors[0], { code: 'E_NOT_FOUND' })
  })
})
