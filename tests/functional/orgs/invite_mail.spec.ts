import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import type { ApiClient } from '@japa/api-client'
import jobs from '#services/jobs'
import { jobsConnection } from '#providers/jobs_provider'
import { resetDatabase } from '#tests/helpers/database'
import { eventually } from '#tests/helpers/processes'
import { startSmtp, startStalledSmtp, useSmtp } from '#tests/helpers/smtp'
import { createOrgWith, createUserWithToken, type UserWithToken } from '#tests/helpers/users'

/** An owner and their organization. */
async function ownerAndOrg() {
  const owner = await createUserWithToken({ displayName: 'Olivia' })
  const org = await createOrgWith(owner.user, { name: 'Acme' })
  return { owner, org }
}

/** The org's pending invite for `email`, as the inviter lists it later. */
async function listed(client: ApiClient, owner: UserWithToken, orgId: string, email: string) {
  const response = await client.get(`/organizations/${orgId}/invites`).bearerToken(owner.token)
  response.assertStatus(200)
  return response.body().data.find((row: { email: string }) => row.email === email)
}

/*
 * The invite mail through real SMTP servers in this process. The job service
 * is started here (the provider starts it only in the web process), with the
 * retry settings of .env.test (MAIL_RETRY_LIMIT=2, MAIL_RETRY_DELAY_SECONDS=1).
 */
test.group('Invite mail over SMTP, sent by a job', (group) => {
  group.each.setup(() => resetDatabase())
  group.each.setup(async () => {
    await jobs.start(await jobsConnection(app))
    return () => jobs.stop()
  })

  test('the mail arrives with the link as text and HTML, and the invite then says sent', async ({
    client,
    assert,
    cleanup,
  }) => {
    const smtp = await startSmtp()
    cleanup(() => smtp.close())
    cleanup(await useSmtp(smtp.port))
    const { owner, org } = await ownerAndOrg()

    const response = await client
      .post(`/organizations/${org.id}/invite`)
      .bearerToken(owner.token)
      .json({ email: 'bob@example.com' })

    response.assertStatus(201)
    const created = response.body().data
    assert.isFalse(created.emailSent)
    assert.equal(created.mail.status, 'queued')
    const received = await eventually(
      async () => smtp.received[0],
      10_000,
      () => 'no mail arrived'
    )
    assert.equal(received.to && 'text' in received.to ? received.to.text : '', 'bob@example.com')
    assert.equal(received.subject, 'You are invited to Acme on Parley')
    assert.include(received.text, created.link)
    assert.include(String(received.html), `href="${created.link}"`)
    const later = await eventually(
      async () => {
        const row = await listed(client, owner, org.id, 'bob@example.com')
        return row.mail.status === 'sent' && row
      },
      10_000,
      () => 'the invite mail never became sent'
    )
    assert.isTrue(later.emailSent)
    assert.equal(later.mail.attempts, 1)
    assert.isString(later.mail.sentAt)
    assert.lengthOf(smtp.received, 1)
  })

  test('a stalled SMTP server does not hold the invite request', async ({
    client,
    assert,
    cleanup,
  }) => {
    const stalled = await startStalledSmtp()
    cleanup(() => stalled.close())
    cleanup(await useSmtp(stalled.port))
    const { owner, org } = await ownerAndOrg()

    const response = await client
      .post(`/organizations/${org.id}/invite`)
      .bearerToken(owner.token)
      .json({ email: 'bob@example.com' })

    response.assertStatus(201)
    assert.equal(response.body().data.mail.status, 'queued')
    assert.isString(response.body().data.link)
    await eventually(
      async () => stalled.connections > 0,
      10_000,
      () => 'no SMTP attempt'
    )
    const row = await listed(client, owner, org.id, 'bob@example.com')
    assert.equal(row.mail.status, 'queued')
    assert.equal(row.mail.attempts, 0)
  })

  test('a refusing SMTP server is retried with backoff, then the invite mail is failed', async ({
    client,
    assert,
    cleanup,
  }) => {
    const smtp = await startSmtp({ refuse: 'Mailbox busy, try later' })
    cleanup(() => smtp.close())
    cleanup(await useSmtp(smtp.port))
    const { owner, org } = await ownerAndOrg()

    const response = await client
      .post(`/organizations/${org.id}/invite`)
      .bearerToken(owner.token)
      .json({ email: 'bob@example.com' })
    response.assertStatus(201)

    const failed = await eventually(
      async () => {
        const row = await listed(client, owner, org.id, 'bob@example.com')
        return row.mail.status === 'failed' && row
      },
      30_000,
      () => 'the invite mail never became failed'
    )
    assert.isFalse(failed.emailSent)
    assert.equal(failed.mail.attempts, 3)
    assert.include(failed.mail.lastError, 'Mailbox busy, try later')
    assert.equal(smtp.attempts, 3)
    assert.lengthOf(smtp.received, 0)
  }).timeout(40_000)
})
