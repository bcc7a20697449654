import { test } from '@japa/runner'
import { join } from 'node:path'
import MediaAsset from '#models/media_asset'
import { resetDatabase } from '#tests/helpers/database'
import { MAX_MEDIA_BYTES } from '#validators/media'
import {
  bigTextFile,
  filesUnder,
  mediaRoot,
  mediaScene,
  removeFixtureFiles,
  sha256OfFile,
  streamUpload,
} from './media_fixtures.js'

const MB = 1024 * 1024

test.group('POST /media/upload/:messageId with 100 MB files', (group) => {
  group.each.setup(() => resetDatabase())
  group.each.teardown(() => removeFixtureFiles())

  test('streams a 100 MB file to the disk byte-identical, with memory growth far below its size', async ({
    assert,
    cleanup,
  }) => {
    const { org, author, message } = await mediaScene()
    const file = await bigTextFile(MAX_MEDIA_BYTES)
    cleanup(() => file.remove())

    const before = process.memoryUsage().rss
    let peak = before
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20)
    const response = await streamUpload({
      url: `/media/upload/${message.id}`,
      token: author.token,
      orgId: org.id,
      filePath: file.path,
      filename: 'big.log',
    }).finally(() => clearInterval(sampler))
    const after = process.memoryUsage().rss
    peak = Math.max(peak, after)
    const growth = (peak - before) / MB
    console.log(
      `100 MB upload: RSS before ${(before / MB).toFixed(1)} MB, peak ${(peak / MB).toFixed(1)} MB, ` +
        `after ${(after / MB).toFixed(1)} MB, peak growth ${growth.toFixed(1)} MB ` +
        `(client and server in this process)`
    )

    assert.equal(response.status, 201, JSON.stringify(response.body))
    const data = response.body.data
    assert.equal(data.size, MAX_MEDIA_BYTES)
    assert.equal(data.mime, 'text/plain')
    assert.equal(data.sha256, file.sha256)
    const asset = await MediaAsset.findOrFail(data.id)
    const stored = join(mediaRoot(), asset.key)
    assert.equal(await sha256OfFile(stored), file.sha256)
    assert.isBelow(growth, 50)
  }).timeout(120_000)

  test('refuses 100 MB + 1 byte with 413 and leaves no partial file', async ({
    assert,
    cleanup,
  }) => {
    const { org, author, message } = await mediaScene()
    const file = await bigTextFile(MAX_MEDIA_BYTES + 1)
    cleanup(() => file.remove())

    const response = await streamUpload({
      url: `/media/upload/${message.id}`,
      token: author.token,
      orgId: org.id,
      filePath: file.path,
      filename: 'too-big.log',
    })
    assert.equal(response.status, 413)
    assert.deepEqual(response.body, {
      errors: [
        { code: 'E_PAYLOAD_TOO_LARGE', message: 'The file is larger than 100 MB', field: 'file' },
      ],
    })
    assert.lengthOf(await MediaAsset.all(), 0)
    assert.deepEqual(await filesUnder(join(mediaRoot(), org.id)), [])
  }).timeout(120_000)
})
