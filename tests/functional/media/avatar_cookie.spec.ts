import { test } from '@japa/runner'
import { resetDatabase } from '#tests/helpers/database'
import { mediaScene, pngBytes, removeFixtureFiles, stranger, trackFiles } from './media_fixtures.js'

const base = () => `http://${process.env.HOST}:${process.env.PORT}`

/** A raw request, as a browser makes it: only the headers given, cookies by hand. */
function call(method: string, path: string, headers: Record<string, string> = {}) {
  return fetch(`${base()}${path}`, { method, headers: { accept: 'application/json', ...headers } })
}

/** The status of a GET sent with only a Cookie header. */
async function statusWith(cookie: string, path: string) {
  const response = await call('GET', path, { cookie })
  return response.status
}

/** The `code` of an error answer. */
async function errorCode(response: Response) {
  const body = (await response.json()) as any
  return body.errors[0].code as string
}

/** The image cookie of a token, as `name=value` for a Cookie header. */
async function imageCookie(token: string) {
  const response = await call('POST', '/auth/image-cookie', { authorization: `Bearer ${token}` })
  const header = response.headers.get('set-cookie') ?? ''
  return { response, header, cookie: header.split(';')[0] }
}

/** Sets an avatar through the API. */
async function uploadAvatar(token: string) {
  const form = new FormData()
  form.append('file', new Blob([new Uint8Array(await pngBytes())]), 'me.png')
  const response = await fetch(`${base()}/users/me/avatar`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
    body: form,
  })
  const body = (await response.json()) as any
  return body.data as { avatarUrl: string }
}

/*
 * Avatars for a browser's <img>, which sends cookies but no Authorization
 * header: POST /auth/image-cookie puts the caller's token, encrypted, in an
 * HttpOnly cookie that only the avatar route reads, with the same checks as
 * the bearer token.
 */
test.group('The image cookie for avatars', (group) => {
  group.each.setup(() => resetDatabase())
  group.each.teardown(() => removeFixtureFiles())

  test('needs a token to be set', async ({ client }) => {
    const response = await client.post('/auth/image-cookie')
    response.assertStatus(401)
    response.assertBodyContains({ errors: [{ code: 'E_UNAUTHORIZED' }] })
  })

  test('is HttpOnly, SameSite=Strict, for /users only, and loads the avatar of an org mate', async ({
    assert,
  }) => {
    const { author, roomMate } = await mediaScene()
    trackFiles('avatars', author.user.id)
    const { avatarUrl } = await uploadAvatar(author.token)
    const { response, header, cookie } = await imageCookie(roomMate.token)
    assert.equal(response.status, 204)
    assert.match(header, /^parley_images=[^;]+;/)
    assert.notInclude(header, roomMate.token)
    assert.include(header, 'HttpOnly')
    assert.include(header, 'SameSite=Strict')
    assert.include(header, 'Path=/users')

    const image = await call('GET', avatarUrl, { cookie })
    assert.equal(image.status, 200)
    assert.equal(image.headers.get('content-type'), 'image/webp')
    const bytes = await image.arrayBuffer()
    assert.isAbove(bytes.byteLength, 100)
  })

  test('shows nothing to another organization, and nothing once the member is removed', async ({
    assert,
  }) => {
    const { org, author, roomMate } = await mediaScene()
    trackFiles('avatars', author.user.id)
    const { avatarUrl } = await uploadAvatar(author.token)
    const other = await stranger()
    const { cookie: foreign } = await imageCookie(other.token)
    const denied = await call('GET', avatarUrl, { cookie: foreign })
    assert.equal(denied.status, 404)
    assert.equal(await errorCode(denied), 'E_NOT_FOUND')

    const { cookie } = await imageCookie(roomMate.token)
    assert.equal(await statusWith(cookie, avatarUrl), 200)
    const removed = await call('DELETE', `/organizations/${org.id}/members/${roomMate.user.id}`, {
      authorization: `Bearer ${author.token}`,
    })
    assert.equal(removed.status, 204)
    assert.equal(await statusWith(cookie, avatarUrl), 404)
  })

  test('is read by the avatar route only, refused when altered, and dies with its token', async ({
    assert,
  }) => {
    const { author, roomMate } = await mediaScene()
    trackFiles('avatars', author.user.id)
    const { avatarUrl } = await uploadAvatar(author.token)
    const { cookie } = await imageCookie(roomMate.token)
    assert.equal(await statusWith(cookie, avatarUrl), 200)

    for (const path of ['/users/me', '/chat/rooms', `/users/${author.user.id}`]) {
      assert.equal(await statusWith(cookie, path), 401, path)
    }
    const altered = `${cookie.slice(0, -6)}AAAAAA`
    assert.equal(await statusWith(altered, avatarUrl), 401)

    const logout = await call('POST', '/auth/logout', {
      authorization: `Bearer ${roomMate.token}`,
    })
    assert.equal(logout.status, 204)
    const after = await call('GET', avatarUrl, { cookie })
    assert.equal(after.status, 401)
    assert.equal(await errorCode(after), 'E_UNAUTHORIZED')
  })

  test('DELETE /auth/image-cookie clears it', async ({ assert }) => {
    const response = await call('DELETE', '/auth/image-cookie')
    assert.equal(response.status, 204)
    const header = response.headers.get('set-cookie') ?? ''
    assert.match(header, /^parley_images=;/)
    assert.include(header, 'Path=/users')
    assert.match(header, /Expires=Thu, 01 Jan 1970|Max-Age=-?0/)
  })
})
