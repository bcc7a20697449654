import { test } from '@japa/runner'
import { randomUUID } from 'node:crypto'
import { DateTime } from 'luxon'
import emitter from '@adonisjs/core/services/emitter'
import MediaAsset from '#models/media_asset'
import { resetDatabase } from '#tests/helpers/database'
import { listenOnChannel } from '#tests/helpers/sse'
import { attachGateway, closeSockets, connectAs, nextEvent, record } from '#tests/helpers/sockets'
import { as, mediaScene, pngBytes, removeFixtureFiles } from '../functional/media/media_fixtures.js'

test.group('The media_added event', (group) => {
  group.setup(() => attachGateway())
  group.each.setup(() => resetDatabase())
  group.each.teardown(async () => {
    closeSockets()
    await removeFixtureFiles()
  })

  test('an upload reaches the room as media_added, on sockets and SSE, without a URL', async ({
    client,
    assert,
    cleanup,
  }) => {
    const scene = await mediaScene()
    const mate = await connectAs({ token: scene.roomMate.token, organizationId: scene.org.id })
    const outsider = await connectAs({ token: scene.outsider.token, organizationId: scene.org.id })
    const outsiderEvents = record(outsider.socket, 'media_added')
    const channel = `orgs/${scene.org.id}/rooms/${scene.room.id}`
    const sse = await listenOnChannel(scene.roomMate.token, channel, cleanup)

    const added = nextEvent(mate.socket, 'media_added')
    const upload = await as(
      client,
      scene.author,
      scene.org,
      'post',
      `/media/upload/${scene.message.id}`
    ).file('file', await pngBytes(200, 100), { filename: 'chart.png' })
    upload.assertStatus(201)

    const event = await added
    assert.equal(event.messageId, scene.message.id)
    assert.equal(event.roomId, scene.room.id)
    assert.include(event.media, {
      id: upload.body().data.id,
      mime: 'image/png',
      hasThumbnail: true,
    })
    assert.isNull(event.media.url)
    assert.deepEqual(await sse.first('media_added'), event)
    assert.deepEqual(outsiderEvents, [])
  })

  test('a file model that carries a signed URL reaches the room without it', async ({
    assert,
    cleanup,
  }) => {
    const scene = await mediaScene()
    const mate = await connectAs({ token: scene.roomMate.token, organizationId: scene.org.id })
    const channel = `orgs/${scene.org.id}/rooms/${scene.room.id}`
    const sse = await listenOnChannel(scene.roomMate.token, channel, cleanup)
    const asset = new MediaAsset().merge({
      id: randomUUID(),
      organizationId: scene.org.id,
      messageId: scene.message.id,
      roomId: scene.room.id,
      uploaderId: scene.author.user.id,
      originalName: 'chart.png',
      mime: 'image/png',
      size: 1,
      sha256: 'f'.repeat(64),
      width: 2,
      height: 1,
      thumbnailKey: 'thumb',
      createdAt: DateTime.now(),
    })
    asset.download = {
      url: 'https://parley.test/signed',
      thumbnailUrl: 'https://parley.test/signed-thumb',
      expiresAt: DateTime.now(),
    }

    const added = nextEvent(mate.socket, 'media_added')
    await emitter.emit('media:added', {
      organizationId: scene.org.id,
      roomId: scene.room.id,
      messageId: scene.message.id,
      media: asset,
    })

    const event = await added
    assert.equal(event.media.id, asset.id)
    assert.isNull(event.media.url)
    assert.isNull(event.media.thumbnailUrl)
    assert.isNull(event.media.urlExpiresAt)
    assert.deepEqual(await sse.first('media_added'), event)
  })
})
