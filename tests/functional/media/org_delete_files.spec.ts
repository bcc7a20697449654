import { test } from '@japa/runner'
import { join } from 'node:path'
import { runOperation } from '#admin/operations'
import { resetDatabase } from '#tests/helpers/database'
import { eventually } from '#tests/helpers/processes'
import {
  as,
  filesUnder,
  mediaRoot,
  mediaScene,
  pngBytes,
  removeFixtureFiles,
} from './media_fixtures.js'

const local = { principal: { user: null, mode: 'local' as const } }

test.group('Deleting an organization removes its media files', (group) => {
  group.each.setup(() => resetDatabase())
  group.each.teardown(() => removeFixtureFiles())

  test('org delete removes the uploads of that organization from the disk, and only those', async ({
    client,
    assert,
  }) => {
    const scene = await mediaScene()
    const other = await mediaScene()
    for (const target of [scene, other]) {
      const upload = await as(
        client,
        target.author,
        target.org,
        'post',
        `/media/upload/${target.message.id}`
      ).file('file', await pngBytes(200, 100), { filename: 'chart.png' })
      upload.assertStatus(201)
    }
    const own = join(mediaRoot(), scene.org.id)
    const kept = join(mediaRoot(), other.org.id)
    assert.isNotEmpty(await filesUnder(own))
    const keptFiles = await filesUnder(kept)
    assert.isAbove(keptFiles.length, 0)

    const result = await runOperation('org:delete', { org: scene.org.slug }, local)

    assert.equal(result.mediaFiles, 1)
    await eventually(
      async () => {
        const left = await filesUnder(own)
        return left.length === 0
      },
      10_000,
      () => `files left under ${own}`
    )
    assert.deepEqual(await filesUnder(kept), keptFiles)
  })
})
