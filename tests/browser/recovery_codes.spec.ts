import { test } from '@japa/runner'
import type { Browser } from 'playwright-core'
import limiter from '@adonisjs/limiter/services/main'
import { base32Decode, hotp, stepAt } from '#domain/auth/totp'
import { resetDatabase } from '#tests/helpers/database'
import { attachGateway, serverUrl } from '#tests/helpers/sockets'
import {
  closeBrowser,
  launchBrowser,
  restAs,
  screenshot,
  signedInPerson,
} from '#tests/helpers/browser'
import { createOrgWith, createUserWithToken, TEST_PASSWORD } from '#tests/helpers/users'

test.group('Web client in Chromium: new recovery codes', (group) => {
  let browser: Browser
  group.setup(() => attachGateway())
  group.setup(async () => {
    browser = await launchBrowser()
    return () => closeBrowser(browser)
  })
  group.each.setup(async () => {
    await resetDatabase()
    await limiter.clear()
  })

  test('the Security dialog trades the password and a current code for ten new codes', async ({
    assert,
  }) => {
    const { user, token } = await createUserWithToken({ username: 'ada' })
    await createOrgWith(user, { name: 'Acme' })
    const { secret } = await restAs(serverUrl(), { token }, 'POST', '/auth/2fa/setup')
    const codeAt = (offset: number) => hotp(base32Decode(secret), stepAt(Date.now()) + offset)
    const { recoveryCodes: old } = await restAs(
      serverUrl(),
      { token },
      'POST',
      '/auth/2fa/enable',
      {
        code: codeAt(0),
      }
    )
    const { page } = await signedInPerson(browser, token)
    await page.goto(serverUrl())
    await page.getByText('Connected').waitFor()
    await page.getByRole('button', { name: 'Security' }).click()
    const form = page.getByRole('form', { name: 'New recovery codes' })

    await form.getByLabel('Password').fill('not the password')
    await form.getByLabel('Code from your app').fill(codeAt(1))
    await form.getByRole('button', { name: 'Get new recovery codes' }).click()
    await form.getByRole('alert').filter({ hasText: 'The password is wrong' }).waitFor()

    await form.getByLabel('Password').fill(TEST_PASSWORD)
    await form.getByRole('button', { name: 'Get new recovery codes' }).click()
    await page.locator('#new-recovery-codes li').first().waitFor()
    const fresh = await page.locator('#new-recovery-codes li').allInnerTexts()
    assert.lengthOf(fresh, 10)
    assert.isEmpty(fresh.filter((code) => old.includes(code)))
    await screenshot(page, 'security-new-recovery-codes')

    const login = (code: string) =>
      fetch(`${serverUrl()}/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'ada', password: TEST_PASSWORD, code }),
      })
    const refused = await login(old[0])
    assert.equal(refused.status, 401)
    const accepted = await login(fresh[0])
    assert.equal(accepted.status, 200)
  })
})
