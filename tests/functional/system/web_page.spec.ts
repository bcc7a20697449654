import { test } from '@japa/runner'
import { existsSync } from 'node:fs'
import { rename } from 'node:fs/promises'
import app from '@adonisjs/core/services/app'
import { WEB_CLIENT_DIR } from '#controllers/web_client_controller'

test.group('GET / before the web client is built', () => {
  test('answers a documented 404 E_NOT_FOUND', async ({ client }) => {
    // Hides a build left by the browser suite, so the page is really missing.
    const page = app.makePath(WEB_CLIENT_DIR, 'index.html')
    const hidden = `${page}.hidden-by-test`
    const built = existsSync(page)
    if (built) await rename(page, hidden)
    try {
      // The api client's teardown fails this request if 404 is not documented.
      const response = await client.get('/')
      response.assertStatus(404)
      response.assertBodyContains({ errors: [{ code: 'E_NOT_FOUND' }] })
    } finally {
      if (built) await rename(hidden, page)
    }
  })
})
