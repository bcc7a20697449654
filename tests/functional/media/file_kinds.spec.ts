import { test } from '@japa/runner'
import { join } from 'node:path'
import MediaAsset from '#models/media_asset'
import { resetDatabase } from '#tests/helpers/database'
import { serverUrl } from '#tests/helpers/sockets'
import {
  as,
  filesUnder,
  mediaRoot,
  mediaScene,
  removeFixtureFiles,
  sha256,
} from './media_fixtures.js'
import {
  AVI,
  DOCM,
  DOCX,
  MPEG,
  PPTX,
  QUICKTIME,
  RAR,
  SEVEN_ZIP,
  SVG,
  WORD_FOLDERS_ONLY,
  XLSX,
  compoundFile,
} from './file_kind_fixtures.js'

/*
 * The brief's file types, each judged by its bytes and stored under the
 * MIME type of its real format, whatever its name and Content-Type say.
 */

const upload = (messageId: string) => `/media/upload/${messageId}`

test.group('The brief’s file types', (group) => {
  group.each.setup(() => resetDatabase())
  group.each.teardown(() => removeFixtureFiles())

  test('accepts each of them under the MIME type of its real format', async ({
    client,
    assert,
  }) => {
    const { org, author, message } = await mediaScene()
    const files = [
      {
        bytes: DOCX,
        mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      },
      { bytes: XLSX, mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
      {
        bytes: PPTX,
        mime: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
      },
      { bytes: compoundFile('WordDocument'), mime: 'application/msword' },
      { bytes: compoundFile('Workbook'), mime: 'application/vnd.ms-excel' },
      { bytes: compoundFile('PowerPoint Document'), mime: 'application/vnd.ms-powerpoint' },
      { bytes: compoundFile('WordDocument', 40), mime: 'application/msword' },
      { bytes: MPEG, mime: 'video/mpeg' },
      { bytes: QUICKTIME, mime: 'video/quicktime' },
      { bytes: AVI, mime: 'video/vnd.avi' },
      { bytes: RAR, mime: 'application/x-rar-compressed' },
      { bytes: SEVEN_ZIP, mime: 'application/x-7z-compressed' },
      { bytes: SVG, mime: 'image/svg+xml' },
      { bytes: WORD_FOLDERS_ONLY, mime: 'application/zip' },
    ]
    for (const [index, file] of files.entries()) {
      const response = await as(client, author, org, 'post', upload(message.id)).file(
        'file',
        file.bytes,
        { filename: `file-${index}.bin`, contentType: 'application/octet-stream' }
      )
      assert.equal(response.status(), 201, `${file.mime}: ${JSON.stringify(response.body())}`)
      assert.equal(response.body().data.mime, file.mime, `file ${index}`)
      assert.equal(response.body().data.sha256, sha256(file.bytes))
    }
  })

  test('refuses macro-enabled Office files and compound files that are not Office documents', async ({
    client,
    assert,
  }) => {
    const { org, author, message } = await mediaScene()
    for (const bytes of [DOCM, compoundFile('SummaryInformation'), compoundFile('Other', 40)]) {
      const response = await as(client, author, org, 'post', upload(message.id)).file(
        'file',
        bytes,
        { filename: 'report.doc' }
      )
      response.assertStatus(415)
      response.assertBodyContains({ errors: [{ code: 'E_UNSUPPORTED_MEDIA_TYPE' }] })
    }
    assert.lengthOf(await MediaAsset.all(), 0)
    assert.deepEqual(await filesUnder(join(mediaRoot(), org.id)), [])
  })

  test('serves SVG as a sandboxed attachment, with no thumbnail', async ({ client, assert }) => {
    const { org, author, message } = await mediaScene()
    const response = await as(client, author, org, 'post', upload(message.id)).file('file', SVG, {
      filename: 'logo.svg',
      contentType: 'image/svg+xml',
    })
    response.assertStatus(201)
    const data = response.body().data
    assert.isFalse(data.hasThumbnail)
    assert.isNull(data.thumbnailUrl)
    assert.isNull(data.width)
    const download = await fetch(serverUrl() + data.url)
    assert.equal(download.status, 200)
    assert.match(download.headers.get('content-disposition') ?? '', /^attachment/)
    assert.equal(download.headers.get('content-security-policy'), 'sandbox')
    assert.equal(download.headers.get('x-content-type-options'), 'nosniff')
    assert.equal(Buffer.from(await download.arrayBuffer()).toString(), SVG.toString())
  })

  test('serves Office documents and archives as attachments, video inline', async ({
    client,
    assert,
  }) => {
    const { org, author, message } = await mediaScene()
    const files = [
      { bytes: DOCX, inline: false },
      { bytes: compoundFile('Workbook'), inline: false },
      { bytes: RAR, inline: false },
      { bytes: QUICKTIME, inline: true },
    ]
    for (const file of files) {
      const response = await as(client, author, org, 'post', upload(message.id)).file(
        'file',
        file.bytes,
        { filename: 'file' }
      )
      response.assertStatus(201)
      const download = await fetch(serverUrl() + response.body().data.url)
      const disposition = download.headers.get('content-disposition') ?? 'inline'
      assert.match(disposition, file.inline ? /^inline/ : /^attachment/, response.body().data.mime)
    }
  })
})
