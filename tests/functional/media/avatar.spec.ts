import { test } from '@japa/runner'
import { randomUUID } from 'node:crypto'
import sharp from 'sharp'
import User from '#models/user'
import { resetDatabase } from '#tests/helpers/database'
import { MAX_AVATAR_BYTES } from '#validators/media'
import {
  elfBytes,
  mediaScene,
  pngBytes,
  removeFixtureFiles,
  stranger,
  trackFiles,
} from './media_fixtures.js'

test.group('PUT /users/me/avatar and GET /users/:id/avatar', (group) => {
  group.each.setup(() => resetDatabase())
  group.each.teardown(() => removeFixtureFiles())

  test('require a token', async ({ client }) => {
    const put = await client
      .put('/users/me/avatar')
      .file('file', await pngBytes(), { filename: 'me.png' })
    put.assertStatus(401)
    const get = await client.get(`/users/${randomUUID()}/avatar`)
    get.assertStatus(401)
  })

  test('refuses a missing file, a non-image and a file over 5 MB', async ({ client, assert }) => {
    const { author } = await mediaScene()
    const missing = await client
      .put('/users/me/avatar')
      .bearerToken(author.token)
      .field('nothing', 'here')
    missing.assertStatus(422)
    missing.assertBodyContains({ errors: [{ code: 'E_VALIDATION_ERROR', field: 'file' }] })

    const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(5000, 0x20)])
    for (const bytes of [elfBytes(), pdf, Buffer.from('plain text, not an image')]) {
      const response = await client
        .put('/users/me/avatar')
        .bearerToken(author.token)
        .file('file', bytes, { filename: 'me.png', contentType: 'image/png' })
      response.assertStatus(415)
      response.assertBodyContains({ errors: [{ code: 'E_UNSUPPORTED_MEDIA_TYPE' }] })
    }

    const png = await pngBytes()
    const huge = Buffer.concat([png, Buffer.alloc(MAX_AVATAR_BYTES + 1 - png.length)])
    const tooBig = await client
      .put('/users/me/avatar')
      .bearerToken(author.token)
      .file('file', huge, { filename: 'me.png' })
    tooBig.assertStatus(413)
    tooBig.assertBodyContains({ errors: [{ code: 'E_PAYLOAD_TOO_LARGE' }] })
    const user = await User.findOrFail(author.user.id)
    assert.isNull(user.avatarKey)
  })

  test('stores a 512×512 WebP and serves it to people sharing an organization', async ({
    client,
    assert,
  }) => {
    const { author, roomMate } = await mediaScene()
    trackFiles('avatars', author.user.id)
    const put = await client
      .put('/users/me/avatar')
      .bearerToken(author.token)
      .file('file', await pngBytes(1200, 800), { filename: 'me.png' })
    put.assertStatus(200)
    assert.match(
      put.body().data.avatarUrl,
      new RegExp(`^/users/${author.user.id}/avatar\\?v=[\\w-]{12}$`)
    )

    const response = await fetch(
      `http://${process.env.HOST}:${process.env.PORT}/users/${author.user.id}/avatar`,
      { headers: { authorization: `Bearer ${roomMate.token}` } }
    )
    assert.equal(response.status, 200)
    assert.equal(response.headers.get('content-type'), 'image/webp')
    const metadata = await sharp(Buffer.from(await response.arrayBuffer())).metadata()
    assert.equal(metadata.format, 'webp')
    assert.equal(metadata.width, 512)
    assert.equal(metadata.height, 512)
  })

  test('answers 404 to users sharing no organization, and when there is no avatar', async ({
    client,
  }) => {
    const { author, roomMate } = await mediaScene()
    trackFiles('avatars', author.user.id)
    const other = await stranger()
    const none = await client.get(`/users/${roomMate.user.id}/avatar`).bearerToken(author.token)
    none.assertStatus(404)
    await client
      .put('/users/me/avatar')
      .bearerToken(author.token)
      .file('file', await pngBytes(), { filename: 'me.png' })
    for (const id of [author.user.id, randomUUID(), 'nope']) {
      const response = await client.get(`/users/${id}/avatar`).bearerToken(other.token)
      response.assertStatus(404)
      response.assertBodyContains({ errors: [{ code: 'E_NOT_FOUND' }] })
    }
  })
})
