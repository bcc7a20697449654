import { test } from '@japa/runner'
import { randomUUID } from 'node:crypto'
import MediaAsset from '#models/media_asset'
import { resetDatabase } from '#tests/helpers/database'
import { actorFor } from '#services/org_context'
import SendMessage from '#actions/messages/send_message'
import {
  as,
  elfBytes,
  filesUnder,
  mediaRoot,
  mediaScene,
  pngBytes,
  removeFixtureFiles,
  sha256,
  stranger,
} from './media_fixtures.js'
import { join } from 'node:path'

const upload = (messageId: string) => `/media/upload/${messageId}`

test.group('POST /media/upload/:messageId', (group) => {
  group.each.setup(() => resetDatabase())
  group.each.teardown(() => removeFixtureFiles())

  test('requires a token', async ({ client }) => {
    const response = await client
      .post(upload(randomUUID()))
      .file('file', Buffer.from('hello'), { filename: 'a.txt' })
    response.assertStatus(401)
    response.assertBodyContains({ errors: [{ code: 'E_UNAUTHORIZED' }] })
  })

  test('answers 422 without a file field and 400 for a body that is not multipart', async ({
    client,
  }) => {
    const { org, author, message } = await mediaScene()
    const noFile = await as(client, author, org, 'post', upload(message.id))
      .field('name', 'x')
      .file('other', Buffer.from('hello'), { filename: 'a.txt' })
    noFile.assertStatus(422)
    noFile.assertBody({
      errors: [
        { code: 'E_VALIDATION_ERROR', message: 'The file field must be defined', field: 'file' },
      ],
    })
    const json = await as(client, author, org, 'post', upload(message.id)).json({ file: 'x' })
    json.assertStatus(400)
    json.assertBodyContains({ errors: [{ code: 'E_BAD_REQUEST' }] })
  })

  test('refuses an empty file with 422', async ({ client }) => {
    const { org, author, message } = await mediaScene()
    const response = await as(client, author, org, 'post', upload(message.id)).file(
      'file',
      Buffer.alloc(0),
      { filename: 'empty.txt' }
    )
    response.assertStatus(422)
    response.assertBodyContains({ errors: [{ code: 'E_VALIDATION_ERROR', field: 'file' }] })
  })

  test('stores a PNG with its sha256, size, dimensions and a thumbnail', async ({
    client,
    assert,
  }) => {
    const { org, author, message, room } = await mediaScene()
    const png = await pngBytes(640, 480)
    const response = await as(client, author, org, 'post', upload(message.id)).file('file', png, {
      filename: 'C:\\Users\\me\\photo.png',
      contentType: 'image/png',
    })
    response.assertStatus(201)
    const data = response.body().data
    assert.equal(data.messageId, message.id)
    assert.equal(data.roomId, room.id)
    assert.equal(data.uploaderId, author.user.id)
    assert.equal(data.name, 'photo.png')
    assert.equal(data.mime, 'image/png')
    assert.equal(data.size, png.length)
    assert.equal(data.sha256, sha256(png))
    assert.equal(data.width, 640)
    assert.equal(data.height, 480)
    assert.isTrue(data.hasThumbnail)
    assert.match(data.url, /^\/media\/files\/.+signature=/)
    assert.match(data.thumbnailUrl, /signature=/)
    assert.notProperty(data, 'key')
    assert.notProperty(data, 'disk')

    const row = await MediaAsset.findOrFail(data.id)
    assert.equal(row.organizationId, org.id)
    const files = await filesUnder(join(mediaRoot(), org.id))
    assert.sameMembers(files, [join(mediaRoot(), row.key), join(mediaRoot(), row.thumbnailKey!)])
  })

  test('judges the type by bytes: a PNG named .pdf is stored as image/png', async ({
    client,
    assert,
  }) => {
    const { org, author, message } = await mediaScene()
    const response = await as(client, author, org, 'post', upload(message.id)).file(
      'file',
      await pngBytes(),
      { filename: 'report.pdf', contentType: 'application/pdf' }
    )
    response.assertStatus(201)
    assert.equal(response.body().data.mime, 'image/png')
    assert.equal(response.body().data.name, 'report.pdf')
  })

  test('refuses an executable named .png with 415 and keeps nothing', async ({
    client,
    assert,
  }) => {
    const { org, author, message } = await mediaScene()
    const response = await as(client, author, org, 'post', upload(message.id)).file(
      'file',
      elfBytes(),
      { filename: 'cat.png', contentType: 'image/png' }
    )
    response.assertStatus(415)
    response.assertBodyContains({ errors: [{ code: 'E_UNSUPPORTED_MEDIA_TYPE', field: 'file' }] })
    assert.lengthOf(await MediaAsset.all(), 0)
    assert.deepEqual(await filesUnder(join(mediaRoot(), org.id)), [])
  })

  test('ignores a lying Content-Type in both directions', async ({ client, assert }) => {
    const { org, author, message } = await mediaScene()
    const text = await as(client, author, org, 'post', upload(message.id)).file(
      'file',
      Buffer.from('just some notes\n'),
      { filename: 'notes', contentType: 'image/png' }
    )
    text.assertStatus(201)
    assert.equal(text.body().data.mime, 'text/plain')
    assert.isFalse(text.body().data.hasThumbnail)

    const binary = await as(client, author, org, 'post', upload(message.id)).file(
      'file',
      elfBytes(),
      { filename: 'notes.txt', contentType: 'text/plain' }
    )
    binary.assertStatus(415)
  })

  test('only the author of the message may attach files', async ({ client }) => {
    const { org, roomMate, moderator, message } = await mediaScene()
    for (const who of [roomMate, moderator]) {
      const response = await as(client, who, org, 'post', upload(message.id)).file(
        'file',
        Buffer.from('hi'),
        { filename: 'a.txt' }
      )
      response.assertStatus(403)
      response.assertBodyContains({ errors: [{ code: 'E_FORBIDDEN' }] })
    }
  })

  test('answers 404 to non-members, other organizations and bad ids', async ({
    client,
    assert,
  }) => {
    const { org, outsider, message } = await mediaScene()
    const other = await stranger()
    const attempts = [
      as(client, outsider, org, 'post', upload(message.id)),
      as(client, other, other.org, 'post', upload(message.id)),
      as(client, other, other.org, 'post', upload(randomUUID())),
      as(client, other, other.org, 'post', upload('not-a-uuid')),
    ]
    for (const request of attempts) {
      const response = await request.file('file', Buffer.from('hi'), { filename: 'a.txt' })
      response.assertStatus(404)
      response.assertBodyContains({ errors: [{ code: 'E_NOT_FOUND' }] })
    }
    const foreignHeader = await as(client, other, org, 'post', upload(message.id)).file(
      'file',
      Buffer.from('hi'),
      { filename: 'a.txt' }
    )
    foreignHeader.assertStatus(404)
    assert.lengthOf(await MediaAsset.all(), 0)
  })

  test('answers 404 for a deleted message', async ({ client }) => {
    const { org, author, room } = await mediaScene()
    const actor = await actorFor(author.user, org.id)
    const { message } = await SendMessage.handle(actor, { roomId: room.id, content: 'gone' })
    const { default: DeleteMessage } = await import('#actions/messages/delete_message')
    await DeleteMessage.handle(actor, message.id)
    const response = await as(client, author, org, 'post', upload(message.id)).file(
      'file',
      Buffer.from('hi'),
      { filename: 'a.txt' }
    )
    response.assertStatus(404)
  })
})
