import { test } from '@japa/runner'
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
})
