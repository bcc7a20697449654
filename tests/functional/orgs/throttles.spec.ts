import { test } from '@japa/runner'
import type { ApiClient, ApiResponse } from '@japa/api-client'
import type { Assert } from '@japa/assert'
import limiter from '@adonisjs/limiter/services/main'
import { limits } from '#config/limiter'
import { LogTransport } from '#services/log_mail_transport'
import { resetDatabase } from '#tests/helpers/database'
import {
  createMemberWithToken,
  createOrgWith,
  createUserWithToken,
  type UserWithToken,
} from '#tests/helpers/users'

/*
 * Per-account throttles on the organization doors where abuse is cheap
 * (creating organizations, inviting, accepting invites). Each budget comes
 * from config/limiter.ts; the tests spend it exactly and check that the next
 * request is a 429 with Retry-After, and that other accounts are untouched.
 */

function invite(client: ApiClient, inviter: UserWithToken, orgId: string, email: string) {
  return client.post(`/organizations/${orgId}/invite`).bearerToken(inviter.token).json({ email })
}

/** Runs `count` requests, 10 at a time, and returns their statuses. */
async function statuses(count: number, send: (i: number) => Promise<ApiResponse>) {
  const seen: number[] = []
  for (let start = 0; start < count; start += 10) {
    const batch = Array.from({ length: Math.min(10, count - start) }, (_, i) => send(start + i))
    for (const response of await Promise.all(batch)) seen.push(response.status())
  }
  return seen
}

function expectStatus(response: ApiResponse, status: number) {
  response.assertStatus(status)
}

function assertThrottled(response: ApiResponse, assert: Assert) {
  response.assertStatus(429)
  response.assertBodyContains({ errors: [{ code: 'E_TOO_MANY_REQUESTS' }] })
  assert.isAbove(Number(response.header('retry-after')), 0)
}

test.group('Organization throttles', (group) => {
  group.each.setup(async () => {
    await resetDatabase()
    await limiter.clear()
    LogTransport.sent = []
    return () => limiter.clear()
  })

  test('creating organizations is limited per user to ORG_CREATE_RATE_PER_HOUR', async ({
    client,
    assert,
  }) => {
    const ann = await createUserWithToken()
    const create = (who: UserWithToken, i: number) =>
      client
        .post('/organizations')
        .bearerToken(who.token)
        .json({ name: `Org ${i}` })

    const seen = await statuses(limits.orgCreatesPerHour, (i) => create(ann, i))
    assert.deepEqual(seen, Array(limits.orgCreatesPerHour).fill(201))
    assertThrottled(await create(ann, 99), assert)

    const bob = await createUserWithToken()
    expectStatus(await create(bob, 0), 201)
  })

  test('invites are limited per inviter to INVITE_RATE_PER_HOUR, whatever the addresses', async ({
    client,
    assert,
  }) => {
    const owner = await createUserWithToken()
    const org = await createOrgWith(owner.user)
    const admin = await createMemberWithToken(org, 'admin')

    const seen = await statuses(limits.invitesPerHour, (i) =>
      invite(client, owner, org.id, `person-${i}@example.com`)
    )
    assert.deepEqual(seen, Array(limits.invitesPerHour).fill(201))
    assertThrottled(await invite(client, owner, org.id, 'one-more@example.com'), assert)
    assert.lengthOf(LogTransport.sent, limits.invitesPerHour)

    expectStatus(await invite(client, admin, org.id, 'one-more@example.com'), 201)
  })

  test('one inviter cannot mail one address more than INVITE_ADDRESS_RATE_PER_DAY times, revoking in between', async ({
    client,
    assert,
  }) => {
    const owner = await createUserWithToken()
    const org = await createOrgWith(owner.user)
    const admin = await createMemberWithToken(org, 'admin')

    for (let i = 0; i < limits.invitesPerAddressPerDay; i++) {
      const response = await invite(client, owner, org.id, 'victim@example.com')
      response.assertStatus(201)
      const revoked = await client
        .delete(`/organizations/${org.id}/invites/${response.body().data.id}`)
        .bearerToken(owner.token)
      revoked.assertStatus(204)
    }
    assertThrottled(await invite(client, owner, org.id, ' VICTIM@example.com'), assert)
    assert.lengthOf(LogTransport.sent, limits.invitesPerAddressPerDay)

    const otherOrg = await createOrgWith(owner.user)
    assertThrottled(await invite(client, owner, otherOrg.id, 'victim@example.com'), assert)

    expectStatus(await invite(client, owner, org.id, 'someone-else@example.com'), 201)
    expectStatus(await invite(client, admin, org.id, 'victim@example.com'), 201)
    assert.lengthOf(LogTransport.sent, limits.invitesPerAddressPerDay + 2)
  })

  test('accepting invites is limited per user to INVITE_ACCEPT_RATE_PER_HOUR', async ({
    client,
    assert,
  }) => {
    const guesser = await createUserWithToken()
    const accept = (who: UserWithToken, token: string) =>
      client.post(`/organizations/accept-invite/${token}`).bearerToken(who.token)

    const seen = await statuses(limits.inviteAcceptsPerHour, (i) => accept(guesser, `guess-${i}`))
    assert.deepEqual(seen, Array(limits.inviteAcceptsPerHour).fill(404))
    assertThrottled(await accept(guesser, 'guess-again'), assert)

    const other = await createUserWithToken()
    expectStatus(await accept(other, 'guess-0'), 404)
  })
})
