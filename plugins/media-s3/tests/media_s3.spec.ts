import { test } from '@japa/runner'
import { bootPluginApp, terminatePluginApp, withDrive } from '#tests/helpers/plugin_app'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createReadStream } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { createHash } from 'node:crypto'
import S3rver from 's3rver'
import { MEDIA_TYPES, storeUpload } from '#extensions/media'
import { bigTextFile } from '#tests/functional/media/media_fixtures'
import mediaS3 from '../plugin.js'
import { StreamingS3Driver } from '../s3_driver.js'

const BUCKET = 'parley-media'

/** A minimal app with Drive and `config/drive.ts` besides the plugin host. */
const bootMiniApp = (enabled: string) => bootPluginApp({ known: [mediaS3], enabled, ...withDrive })

/** Sets env variables for one test and restores them after. */
function withEnv(values: Record<string, string | undefined>) {
  const previous = Object.fromEntries(Object.keys(values).map((key) => [key, process.env[key]]))
  const apply = (entries: Record<string, string | undefined>) => {
    for (const [key, value] of Object.entries(entries)) {
      if (value === undefined) delete process.env[key]
      else process.env[key] = value
    }
  }
  apply(values)
  return () => apply(previous)
}

test.group('media-s3 plugin', (group) => {
  let server: S3rver
  let directory: string
  let endpoint: string

  group.setup(async () => {
    directory = await mkdtemp(join(tmpdir(), 'parley-s3rver-'))
    server = new S3rver({
      address: '127.0.0.1',
      port: 0,
      silent: true,
      directory,
      configureBuckets: [{ name: BUCKET }],
    })
    const { port } = await server.run()
    endpoint = `http://127.0.0.1:${port}`
    return async () => {
      await server.close()
      await rm(directory, { recursive: true, force: true })
    }
  })

  const s3Env = () => ({
    MEDIA_S3_BUCKET: BUCKET,
    MEDIA_S3_REGION: 'us-east-1',
    MEDIA_S3_ENDPOINT: endpoint,
    MEDIA_S3_KEY: 'S3RVER',
    MEDIA_S3_SECRET: 'S3RVER',
    MEDIA_S3_FORCE_PATH_STYLE: 'true',
  })

  test('when disabled, media stays on the local disk and there is no s3 disk', async ({
    assert,
  }) => {
    const app = await bootMiniApp('')
    assert.equal(app.config.get('media.disk', 'fs'), 'fs')
    const drive = await app.container.make('drive.manager')
    assert.throws(() => drive.use('s3' as 'fs'))
    await terminatePluginApp(app)
  })

  test('when enabled without a bucket, the boot stops naming MEDIA_S3_BUCKET', async ({
    assert,
    cleanup,
  }) => {
    cleanup(withEnv({ ...s3Env(), MEDIA_S3_BUCKET: undefined }))
    await assert.rejects(
      () => bootMiniApp('media-s3'),
      /^Plugin "media-s3" is enabled but MEDIA_S3_BUCKET is not set/
    )
  })

  test('when enabled, registers the s3 disk as the media disk and streams uploads of unknown length', async ({
    assert,
    cleanup,
  }) => {
    cleanup(withEnv(s3Env()))
    const app = await bootMiniApp('media-s3')
    cleanup(() => terminatePluginApp(app))
    assert.equal(app.config.get('media.disk'), 's3')
    const drive = await app.container.make('drive.manager')
    const disk = drive.use('s3' as 'fs')
    assert.instanceOf(disk.driver, StreamingS3Driver)

    const file = await bigTextFile(12 * 1024 * 1024 + 17)
    cleanup(() => file.remove())
    const stored = await storeUpload(createReadStream(file.path), disk, 'org/room/big', {
      maxBytes: 100 * 1024 * 1024,
      allowed: MEDIA_TYPES,
    })
    assert.equal(stored.size, file.size)
    assert.equal(stored.sha256, file.sha256)
    const bytes = Buffer.from(await disk.getBytes('org/room/big'))
    assert.equal(createHash('sha256').update(bytes).digest('hex'), file.sha256)

    const url = await disk.getSignedUrl('org/room/big', {
      expiresIn: '5 minutes',
      contentType: 'text/plain',
    })
    const download = await fetch(url)
    assert.equal(download.status, 200)
    assert.equal(download.headers.get('content-type'), 'text/plain')
    const body = Buffer.from(await download.arrayBuffer())
    assert.equal(createHash('sha256').update(body).digest('hex'), file.sha256)
  })

  /*
   * s3rver checks the expiry of presigned URLs, but it does not verify SigV4
   * signatures and serves unsigned requests, so tampered and unsigned URLs
   * cannot be tested against it (real S3 answers 403); the local disk's
   * tests cover those.
   */
  test('an expired presigned URL is refused', async ({ assert, cleanup }) => {
    cleanup(withEnv(s3Env()))
    const app = await bootMiniApp('media-s3')
    cleanup(() => terminatePluginApp(app))
    const drive = await app.container.make('drive.manager')
    const disk = drive.use('s3' as 'fs')
    await disk.put('org/room/small', 'hello')
    const url = await disk.getSignedUrl('org/room/small', { expiresIn: 1 })
    await new Promise((resolve) => setTimeout(resolve, 2100))
    const response = await fetch(url)
    const body = await response.text()
    assert.equal(response.status, 403)
    assert.include(body, 'Request has expired')
  })

  test('a refused upload leaves no object in the bucket', async ({ assert, cleanup }) => {
    cleanup(withEnv(s3Env()))
    const app = await bootMiniApp('media-s3')
    cleanup(() => terminatePluginApp(app))
    const drive = await app.container.make('drive.manager')
    const disk = drive.use('s3' as 'fs')
    const file = await bigTextFile(6 * 1024 * 1024)
    cleanup(() => file.remove())
    await assert.rejects(
      () =>
        storeUpload(createReadStream(file.path), disk, 'org/room/too-big', {
          maxBytes: 5 * 1024 * 1024,
          allowed: MEDIA_TYPES,
        }),
      'The file is larger than 5 MB'
    )
    assert.isFalse(await disk.exists('org/room/too-big'))
  })
})
