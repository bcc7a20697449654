import { test } from '@japa/runner'
import sharp from 'sharp'
import type { Browser, Page } from 'playwright-core'
import { resetDatabase } from '#tests/helpers/database'
import { attachGateway, serverUrl } from '#tests/helpers/sockets'
import { createOrgWith, createUserWithToken } from '#tests/helpers/users'
import { closeBrowser, launchBrowser, restAs, screenshot } from '#tests/helpers/browser'
import { acme, arrive, box, conversation, messages, open } from '#tests/helpers/web_client'

/** Whether the page can load an image from `src` with a plain `<img>` (cookies, no header). */
function loads(page: Page, src: string) {
  return page.evaluate(
    (url) =>
      new Promise<boolean>((resolve) => {
        const image = new (globalThis as any).Image()
        image.onload = () => resolve(image.naturalWidth > 0)
        image.onerror = () => resolve(false)
        image.src = url
      }),
    src
  )
}

/** Waits until the first `<img>` matching `selector` has loaded a picture. */
function pictureShown(page: Page, selector: string) {
  return page.waitForFunction((css) => {
    const image = (globalThis as any).document.querySelector(css)
    return !!image && image.complete && image.naturalWidth > 0
  }, selector)
}

/*
 * Avatars in the browser: an <img> sends no Authorization header, so the
 * client asks for the image cookie when it signs in, and the avatar route
 * accepts it with the same checks as the token: people who share an
 * organization see the picture, nobody else does, and signing out ends it.
 */
test.group('Web client avatars in Chromium', (group) => {
  let browser: Browser
  group.setup(() => attachGateway())
  group.setup(async () => {
    browser = await launchBrowser()
    return () => closeBrowser(browser)
  })
  group.each.setup(() => resetDatabase())

  test('a picture set in the profile shows to people of the organization, never to others', async ({
    assert,
  }) => {
    const { alice, bob, asAlice, asBob } = await acme()
    const dm = await restAs(serverUrl(), asAlice, 'POST', '/chat/rooms/direct', {
      userId: bob.user.id,
    })
    const carol = await createUserWithToken({ username: 'carol', displayName: 'Carol' })
    await createOrgWith(carol.user, { name: 'Globex' })

    // Bob chooses a picture in his profile: it shows there at once.
    const { page: b } = await arrive(browser, bob.token)
    await b.getByRole('button', { name: 'Profile and settings' }).click()
    const png = await sharp({
      create: { width: 300, height: 200, channels: 3, background: '#cc5533' },
    })
      .png()
      .toBuffer()
    await b.getByRole('dialog').getByLabel('Choose a picture').setInputFiles({
      name: 'bob.png',
      mimeType: 'image/png',
      buffer: png,
    })
    await b.getByText('Picture saved').waitFor()
    await pictureShown(b, 'dialog .avatar.large img')
    await screenshot(b, 'avatars-01-profile')
    await b.getByRole('dialog').getByRole('button', { name: 'Close' }).click()
    await open(b, 'Alice')
    await box(b).fill('New picture!')
    await box(b).press('Enter')
    const me = await restAs<{ avatarUrl: string }>(serverUrl(), asBob, 'GET', '/users/me')
    assert.match(me.avatarUrl, new RegExp(`^/users/${bob.user.id}/avatar\\?v=`))

    // Alice sees it in her conversation list and next to his message.
    const { page: a } = await arrive(browser, alice.token)
    await pictureShown(a, `.room-item[data-room-id="${dm.id}"] img.avatar-image`)
    await open(a, 'Bob')
    await messages(a).getByText('New picture!').waitFor()
    await pictureShown(a, '[role="log"] .msg .meta img.avatar-image')
    assert.equal(await conversation(a, 'Bob').locator('img').getAttribute('src'), me.avatarUrl)
    await screenshot(a, 'avatars-02-seen-by-alice')

    // Carol, in another organization, cannot load it with her own cookie.
    const { page: c } = await arrive(browser, carol.token)
    assert.isFalse(await loads(c, `${me.avatarUrl}&probe=carol`))
    const status = await c.evaluate(
      (url) => fetch(url, { credentials: 'same-origin' }).then((r) => r.status),
      me.avatarUrl
    )
    assert.equal(status, 404)

    // Once Alice signs out, her browser loads it no more.
    assert.isTrue(await loads(a, `${me.avatarUrl}&probe=before`))
    await a.getByRole('button', { name: 'Log out' }).click()
    await a.getByRole('button', { name: 'Log in' }).first().waitFor()
    assert.isFalse(await loads(a, `${me.avatarUrl}&probe=after`))
  })
})
