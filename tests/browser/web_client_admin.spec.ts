import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import type { Browser } from 'playwright-core'
import jobs from '#services/jobs'
import { jobsConnection } from '#providers/jobs_provider'
import { resetDatabase } from '#tests/helpers/database'
import { attachGateway, serverUrl } from '#tests/helpers/sockets'
import { startSmtp, useSmtp } from '#tests/helpers/smtp'
import { closeBrowser, launchBrowser, restAs, screenshot } from '#tests/helpers/browser'
import { acme, arrive } from '#tests/helpers/web_client'

/*
 * The organization screens of owners and admins beyond members and roles:
 * the organization's settings, and what became of each invite mail, with
 * real SMTP servers in this process and the mail job running (the jobs
 * provider starts it only in the web process; .env.test retries a mail
 * twice, one second apart).
 */
test.group('Web client organization administration in Chromium', (group) => {
  let browser: Browser
  group.setup(() => attachGateway())
  group.setup(async () => {
    browser = await launchBrowser()
    return () => closeBrowser(browser)
  })
  group.each.setup(() => resetDatabase())
  group.each.setup(async () => {
    await jobs.start(await jobsConnection(app))
    return () => jobs.stop()
  })

  test('invites show the real state of their mail: queued, then sent, failed with the reason, or never sent', async ({
    assert,
    cleanup,
  }) => {
    const { alice, org, asAlice } = await acme()
    const smtp = await startSmtp()
    cleanup(() => smtp.close())
    const undoSmtp = await useSmtp(smtp.port)
    cleanup(undoSmtp)
    const { page: a } = await arrive(browser, alice.token)

    // Carol's invite from the Invite dialog: queued at first, sent once the job ran.
    await a.getByRole('button', { name: 'Invite', exact: true }).click()
    const inviting = a.getByRole('dialog')
    await inviting.getByLabel('Email').fill('carol@example.com')
    await inviting.getByRole('button', { name: 'Create invite' }).click()
    await inviting.getByText('Invite for carol@example.com (email queued, not sent yet)').waitFor()
    await inviting.getByRole('button', { name: 'Close' }).click()
    await a.getByRole('button', { name: 'Organization', exact: true }).click()
    const dialog = a.getByRole('dialog')
    const carol = dialog.locator('li', { hasText: 'carol@example.com' })
    await carol.getByText('email sent', { exact: true }).waitFor()
    assert.lengthOf(smtp.received, 1)

    // Dave's mail is refused by the SMTP server: retried, then failed, with its reason.
    const refusing = await startSmtp({ refuse: 'Mailbox busy, try later' })
    cleanup(() => refusing.close())
    await useSmtp(refusing.port)
    await restAs(serverUrl(), asAlice, 'POST', `/organizations/${org.id}/invite`, {
      email: 'dave@example.com',
    })
    await dialog.getByRole('button', { name: 'Close' }).click()
    await a.getByRole('button', { name: 'Organization', exact: true }).click()
    const dave = dialog.locator('li', { hasText: 'dave@example.com' })
    await dave
      .getByText(/^the email could not be sent: .*Mailbox busy, try later/)
      .waitFor({ timeout: 30_000 })
    assert.equal(refusing.attempts, 3)

    // Without SMTP the mail only reaches the log: the list says so.
    await undoSmtp()
    await restAs(serverUrl(), asAlice, 'POST', `/organizations/${org.id}/invite`, {
      email: 'erin@example.com',
    })
    await dialog.getByRole('button', { name: 'Close' }).click()
    await a.getByRole('button', { name: 'Organization', exact: true }).click()
    await dialog
      .locator('li', { hasText: 'erin@example.com' })
      .getByText('not emailed: this server sends no mail, share the link')
      .waitFor()
    await carol.getByText('email sent', { exact: true }).waitFor()
    await carol.scrollIntoViewIfNeeded()
    await screenshot(a, 'admin-01-invite-mail')
  }).timeout(60_000)

  test('owners edit the organization settings: stored, shown after a reload, name updated in place', async ({
    assert,
  }) => {
    const { alice, org, asAlice } = await acme()
    const { page: a } = await arrive(browser, alice.token)
    await a.getByRole('button', { name: 'Organization', exact: true }).click()
    const form = a.getByRole('form', { name: 'Organization settings' })
    await form.getByLabel('Organization name').fill('Acme Corp')
    await form.getByLabel('Organization description').fill('Rockets and anvils')
    await form.getByLabel('Member limit (empty for none)').fill('25')
    await form.getByLabel('Members may notify a whole room with @here and @all').uncheck()
    await form.getByRole('button', { name: 'Save settings' }).click()
    await a.getByText('Organization settings saved').waitFor()
    await a.getByRole('heading', { name: 'Acme Corp: organization' }).waitFor()
    assert.equal(await a.locator('#org-select option:checked').textContent(), 'Acme Corp')

    const stored = await restAs(serverUrl(), asAlice, 'GET', `/organizations/${org.id}`)
    assert.equal(stored.name, 'Acme Corp')
    assert.deepEqual(stored.settings, {
      maxMembers: 25,
      allowChannelMentions: false,
      description: 'Rockets and anvils',
      requireTwoFactor: false,
    })
    await screenshot(a, 'admin-02-org-settings')

    // After a reload the form shows what the server stored; clearing the limit stores null.
    await a.reload()
    await a.getByText('Connected').waitFor()
    await a.getByRole('button', { name: 'Organization', exact: true }).click()
    assert.equal(await form.getByLabel('Organization name').inputValue(), 'Acme Corp')
    assert.equal(await form.getByLabel('Member limit (empty for none)').inputValue(), '25')
    assert.isFalse(
      await form.getByLabel('Members may notify a whole room with @here and @all').isChecked()
    )
    await form.getByLabel('Member limit (empty for none)').fill('')
    await form.getByRole('button', { name: 'Save settings' }).click()
    await a.getByText('Organization settings saved').waitFor()
    const cleared = await restAs(serverUrl(), asAlice, 'GET', `/organizations/${org.id}`)
    assert.isNull(cleared.settings.maxMembers)

    // Requiring two-factor needs it on Alice's own account first: the refusal is shown.
    await form.getByLabel('Require two-factor authentication of every member').check()
    await form.getByRole('button', { name: 'Save settings' }).click()
    await a
      .getByRole('dialog')
      .getByRole('alert')
      .getByText(
        'Turn on two-factor authentication for your own account before requiring it of members'
      )
      .waitFor()
  })
})
