import { test } from '@japa/runner'
import type { Browser } from 'playwright-core'
import User from '#models/user'
import { base32Decode, hotp, stepAt } from '#domain/auth/totp'
import { issueAccountToken } from '#domain/auth/account_tokens'
import { resetDatabase } from '#tests/helpers/database'
import { attachGateway, serverUrl } from '#tests/helpers/sockets'
import { closeBrowser, launchBrowser, newPerson, screenshot } from '#tests/helpers/browser'
import { createOrgWith, createUserWithToken, TEST_PASSWORD } from '#tests/helpers/users'

test.group('Web client in Chromium: account security', (group) => {
  let browser: Browser
  group.setup(() => attachGateway())
  group.setup(async () => {
    browser = await launchBrowser()
    return () => closeBrowser(browser)
  })
  group.each.setup(() => resetDatabase())

  test('sessions, two-factor setup, a 2FA login and a password reset link', async ({ assert }) => {
    const { user } = await createUserWithToken({ username: 'ada' })
    await createOrgWith(user, { name: 'Acme' })
    const { page } = await newPerson(browser)
    const logIn = async (password: string) => {
      await page.getByLabel('Email or username').fill('ada')
      await page.getByLabel('Password').fill(password)
      await page.getByRole('button', { name: 'Log in' }).click()
    }

    await page.goto(serverUrl())
    await logIn(TEST_PASSWORD)
    await page.getByText('Connected').waitFor()
    await page.getByRole('button', { name: 'Security' }).click()
    const sessions = page.getByRole('list', { name: 'Sessions' })
    await sessions.getByText('(this session)').waitFor()
    assert.equal(await sessions.getByRole('listitem').count(), 2)

    await page.getByRole('button', { name: 'Set up two-factor authentication' }).click()
    const secret = await page.locator('#totp-secret').innerText()
    await page.getByLabel('Code').fill(hotp(base32Decode(secret), stepAt(Date.now())))
    await page.getByRole('button', { name: 'Turn on', exact: true }).click()
    await page.locator('#recovery-codes li').first().waitFor()
    assert.equal(await page.locator('#recovery-codes li').count(), 10)
    await screenshot(page, 'security-2fa')
    const fresh = await User.findOrFail(user.id)
    assert.isNotNull(fresh.twoFactorEnabledAt)

    await page.getByRole('button', { name: 'Close' }).click()
    await page.getByRole('button', { name: 'Log out' }).click()
    await logIn(TEST_PASSWORD)
    await page
      .getByLabel('Authentication code')
      .fill(hotp(base32Decode(secret), stepAt(Date.now()) + 1))
    await page.getByRole('button', { name: 'Log in' }).click()
    await page.getByText('Connected').waitFor()

    const token = await issueAccountToken(fresh, 'reset_password')
    await page.goto(`${serverUrl()}/reset-password/${token}`)
    await page.getByLabel('New password', { exact: true }).fill('a brand new password')
    await page.getByRole('button', { name: 'Set password' }).click()
    await page.getByRole('button', { name: 'Log in' }).waitFor()
    await screenshot(page, 'security-reset')
    const after = await User.findOrFail(user.id)
    assert.notEqual(after.password, fresh.password)
  })
})
