import { test } from '@japa/runner'
import type { Browser, Page } from 'playwright-core'
import limiter from '@adonisjs/limiter/services/main'
import { resetDatabase } from '#tests/helpers/database'
import { startOidcProvider } from '#tests/helpers/oidc_provider'
import { attachGateway, serverUrl } from '#tests/helpers/sockets'
import { closeBrowser, launchBrowser, newPerson, screenshot } from '#tests/helpers/browser'
import { createOrgWith, createUserWithToken } from '#tests/helpers/users'

type Provider = Awaited<ReturnType<typeof startOidcProvider>>

/** The provider's development login and consent screens, as a person clicks through them. */
async function signInAtProvider(page: Page, login: string) {
  await page.locator('input[name=login]').fill(login)
  await page.locator('input[name=password]').fill('any')
  await page.locator('button[type=submit]').click()
  await page.locator('button[type=submit]', { hasText: /continue/i }).click()
}

test.group('Web client in Chromium: single sign-on', (group) => {
  let browser: Browser
  let provider: Provider
  group.setup(() => attachGateway())
  group.setup(async () => {
    browser = await launchBrowser()
    return () => closeBrowser(browser)
  })
  group.each.setup(async () => {
    await resetDatabase()
    await limiter.clear()
    provider = await startOidcProvider(
      { 'sub-ada': { email: 'ada@example.com', email_verified: true, preferred_username: 'ada' } },
      { redirectUri: `${serverUrl()}/auth/oidc/callback` }
    )
    return () => provider.close()
  })

  test('the login screen sends the browser to the provider and back, signed in, on /', async ({
    assert,
  }) => {
    const { user } = await createUserWithToken({ email: 'ada@example.com', username: 'ada' })
    await createOrgWith(user, { name: 'Acme' })
    const { page } = await newPerson(browser)

    await page.goto(serverUrl())
    const callback = page.waitForRequest((request) =>
      request.url().startsWith(`${serverUrl()}/auth/oidc/callback?`)
    )
    await page.getByRole('button', { name: 'Sign in with single sign-on' }).click()
    await page.waitForURL((url) => url.origin === provider.issuer)
    await signInAtProvider(page, 'sub-ada')
    await page.getByText('Connected').waitFor()
    assert.equal(new URL(page.url()).pathname, '/')
    assert.isString(await page.evaluate(() => localStorage.getItem('parley.token')))
    await screenshot(page, 'sso-signed-in')

    // The provider's redirect opened again (history, a shared link): its code is spent.
    const redirect = await callback
    const replayed = redirect.url()
    await page.getByRole('button', { name: 'Log out' }).click()
    await page.getByRole('button', { name: 'Log in' }).waitFor()
    await page.goto(replayed)
    const alert = page.getByRole('alert').filter({ hasText: 'identity provider' })
    await alert.waitFor()
    assert.equal(
      await alert.innerText(),
      'The sign-in with the identity provider failed; try again'
    )
    assert.equal(new URL(page.url()).pathname, '/')
    assert.isNull(await page.evaluate(() => localStorage.getItem('parley.token')))
    await page.getByRole('button', { name: 'Back to log in' }).click()
    await page.getByRole('button', { name: 'Log in' }).waitFor()
  })

  test('a refusal by the provider is shown, with the way back to the login screen', async ({
    assert,
  }) => {
    const { page } = await newPerson(browser)
    await page.goto(
      `${serverUrl()}/auth/oidc/callback?error=access_denied&error_description=${encodeURIComponent('The user denied the request')}&state=x`
    )
    const alert = page.getByRole('alert')
    await alert.waitFor()
    assert.equal(
      await alert.innerText(),
      'The identity provider did not sign you in: The user denied the request'
    )
    await screenshot(page, 'sso-refused')
    await page.getByRole('button', { name: 'Back to log in' }).click()
    await page.getByRole('button', { name: 'Log in' }).waitFor()
    await page.getByRole('button', { name: 'Sign in with single sign-on' }).waitFor()
  })

  test('without single sign-on on the server, the login screen offers none', async ({ assert }) => {
    await provider.close()
    const { page } = await newPerson(browser)
    const asked = page.waitForResponse((response) =>
      response.url().endsWith('/auth/oidc/authorize')
    )
    await page.goto(serverUrl())
    const answer = await asked
    assert.equal(answer.status(), 404)
    await page.getByRole('button', { name: 'Log in' }).waitFor()
    assert.equal(await page.getByRole('button', { name: 'Sign in with single sign-on' }).count(), 0)
  })
})
