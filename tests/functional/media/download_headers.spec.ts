import { test } from '@japa/runner'
import MediaAsset from '#models/media_asset'
import { resetDatabase } from '#tests/helpers/database'
import { serverUrl } from '#tests/helpers/sockets'
import { mediaDisk } from '#services/media_storage'
import { as, mediaScene, pngBytes, removeFixtureFiles, trackFiles } from './media_fixtures.js'

/*
 * What a browser gets from a signed download: never sniffed, sandboxed, and
 * shown inline only for types that cannot carry script (raster images,
 * audio, video). PDF, text, archives, SVG: always an attachment, whatever
 * the signed URL asks for.
 */

const PDF = Buffer.concat([
  Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n'),
  Buffer.alloc(64, 0x20),
])
const ZIP = Buffer.from('504b0304140000000000000000000000000000000000000000000000000000', 'hex')

test.group('Signed downloads', (group) => {
  group.each.setup(() => resetDatabase())
  group.each.teardown(() => removeFixtureFiles())

  test('are nosniff and sandboxed, inline only for raster images, audio and video', async ({
    client,
    assert,
  }) => {
    const { org, author, message } = await mediaScene()
    const files = [
      { name: 'chart.png', bytes: await pngBytes(), inline: true },
      { name: 'report.pdf', bytes: PDF, inline: false },
      { name: 'notes.txt', bytes: Buffer.from('<script>alert(1)</script>\n'), inline: false },
      { name: 'bundle.zip', bytes: ZIP, inline: false },
    ]
    for (const file of files) {
      const uploaded = await as(client, author, org, 'post', `/media/upload/${message.id}`).file(
        'file',
        file.bytes,
        { filename: file.name }
      )
      uploaded.assertStatus(201)
      const urls = [uploaded.body().data.url, uploaded.body().data.thumbnailUrl].filter(Boolean)
      for (const url of urls) {
        const download = await fetch(serverUrl() + url)
        assert.equal(download.status, 200, url)
        assert.equal(download.headers.get('x-content-type-options'), 'nosniff')
        assert.equal(download.headers.get('content-security-policy'), 'sandbox')
        const disposition = download.headers.get('content-disposition') ?? 'inline'
        const isThumbnail = url === uploaded.body().data.thumbnailUrl
        assert.match(
          disposition,
          file.inline || isThumbnail ? /^inline/ : /^attachment/,
          `${file.name}: ${disposition}`
        )
      }
    }
  })

  test('are attachments for unsafe types even when the signed URL asks for inline', async ({
    client,
    assert,
  }) => {
    const { org, author, message } = await mediaScene()
    const uploaded = await as(client, author, org, 'post', `/media/upload/${message.id}`).file(
      'file',
      PDF,
      { filename: 'old link.pdf' }
    )
    uploaded.assertStatus(201)
    const asset = await MediaAsset.findOrFail(uploaded.body().data.id)
    for (const contentType of ['application/pdf', 'image/svg+xml', 'text/html']) {
      const url = await mediaDisk(asset.disk).getSignedUrl(asset.key, {
        expiresIn: '5 minutes',
        contentType,
        contentDisposition: 'inline; filename="old link.pdf"',
      })
      const download = await fetch(serverUrl() + url)
      assert.equal(download.status, 200)
      assert.equal(
        download.headers.get('content-disposition'),
        `attachment; filename="old link.pdf"; filename*=UTF-8''old%20link.pdf`,
        contentType
      )
      assert.equal(download.headers.get('content-security-policy'), 'sandbox')
    }
  })

  test('avatars are nosniff and sandboxed too', async ({ client, assert }) => {
    const { org, author, roomMate } = await mediaScene()
    trackFiles('avatars', author.user.id)
    const uploaded = await client
      .put('/users/me/avatar')
      .bearerToken(author.token)
      .file('file', await pngBytes(), { filename: 'me.png' })
    uploaded.assertStatus(200)
    const avatar = await as(client, roomMate, org, 'get', `/users/${author.user.id}/avatar`)
    avatar.assertStatus(200)
    assert.equal(avatar.header('x-content-type-options'), 'nosniff')
    assert.equal(avatar.header('content-security-policy'), 'sandbox')
  })
})
