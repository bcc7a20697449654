import { test } from '@japa/runner'
import http from 'node:http'
import router from '@adonisjs/core/services/router'
import { resetDatabase } from '#tests/helpers/database'
import { serverUrl } from '#tests/helpers/sockets'
import { specProblems } from '#tests/helpers/openapi'
import { as, mediaScene, pngBytes, removeFixtureFiles } from './media_fixtures.js'

/*
 * Paths that try to leave the media disk through the signed download route.
 * They are sent byte for byte with node:http (fetch and the API client would
 * normalize the dots away) and must all be refused in the documented error
 * shape, signed or not, without a byte of the file they aim at.
 */

/** GETs a raw request target (path and query exactly as given). */
function rawGet(target: string): Promise<{ status: number; type: string; text: string }> {
  return new Promise((resolve, reject) => {
    const { hostname, port } = new URL(serverUrl())
    const request = http.request({ hostname, port, path: target, method: 'GET', agent: false })
    request.on('error', reject)
    request.on('response', async (response) => {
      let text = ''
      for await (const chunk of response) text += chunk
      resolve({ status: response.statusCode!, type: response.headers['content-type'] ?? '', text })
    })
    request.end()
  })
}

/** A URL signed by Parley's own key for a Drive key of our choosing (what no client can make). */
function signedFor(key: string[]) {
  return router.urlBuilder.signedUrlFor('drive.fs.serve', { '*': key }, { expiresIn: '5 minutes' })
}

test.group('GET /media/files/* with paths that leave the media disk', (group) => {
  group.each.setup(() => resetDatabase())
  group.each.teardown(() => removeFixtureFiles())

  test('is refused in the error shape, signed or not, never serving the file', async ({
    client,
    assert,
  }) => {
    const { org, author, message, room } = await mediaScene()
    const uploaded = await as(client, author, org, 'post', `/media/upload/${message.id}`).file(
      'file',
      await pngBytes(),
      { filename: 'a.png' }
    )
    uploaded.assertStatus(201)
    const signature = new URL(uploaded.body().data.url, 'http://x').search
    const inside = `/media/files/${org.id}/${room.id}`
    const targets = [
      '/media/files/../../.env',
      '/media/files/../../package.json',
      '/media/files/..%2f..%2f.env',
      '/media/files/%2e%2e/%2e%2e/.env',
      '/media/files/%2e%2e%2f%2e%2e%2f.env',
      '/media/files/..%5c..%5c.env',
      '/media/files/..%252f..%252f.env',
      '/media/files//etc/passwd',
      '/media/files/%2fetc%2fpasswd',
      `${inside}/../../../../package.json${signature}`,
      `${inside}/..%2f..%2f..%2f..%2fpackage.json${signature}`,
      `${inside}/${uploaded.body().data.id}/../../../../../package.json`,
      signedFor(['..', '..', '..', 'package.json']),
      signedFor(['..%2f..%2f..%2fpackage.json']),
      signedFor([org.id, room.id, '..', '..', '..', 'package.json']),
    ]
    for (const target of targets) {
      const answer = await rawGet(target)
      assert.oneOf(answer.status, [400, 401, 404], `${target}: ${answer.text}`)
      assert.include(answer.type, 'application/json', target)
      const body = JSON.parse(answer.text)
      assert.isString(body.errors?.[0]?.code, target)
      assert.notInclude(answer.text, '"name": "parley"', target)
      assert.deepEqual(specProblems('GET', target, answer.status, answer.type, body), [], target)
    }
  })
})
