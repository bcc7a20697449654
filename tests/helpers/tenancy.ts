import { randomUUID } from 'node:crypto'
import type { ApiClient, ApiRequest } from '@japa/api-client'
import type { Assert } from '@japa/assert'
import { createOrgWith, createUserWithToken } from '#tests/helpers/users'

/**
 * Ids that must all answer 404 E_NOT_FOUND on an org-scoped route, for a
 * caller who is an owner of their own organization: another organization's
 * real id, a random UUID, and a malformed id (never a 500 from PostgreSQL).
 */
export async function foreignOrgIds(): Promise<{ ids: string[]; token: string }> {
  const stranger = await createUserWithToken()
  await createOrgWith(stranger.user)
  const other = await createUserWithToken()
  const otherOrg = await createOrgWith(other.user)
  return { ids: [otherOrg.id, randomUUID(), 'not-a-uuid'], token: stranger.token }
}

/**
 * Sends one request per foreign id (built by `send`) as an owner of another
 * organization and asserts every answer is 404 E_NOT_FOUND.
 */
export async function assertNotFoundForForeignOrgs(
  client: ApiClient,
  assert: Assert,
  send: (client: ApiClient, orgId: string) => ApiRequest
) {
  const { ids, token } = await foreignOrgIds()
  for (const id of ids) {
    const response = await send(client, id).bearerToken(token)
    assert.equal(response.status(), 404, `expected 404 for organization id ${id}`)
    assert.equal(response.body().errors?.[0]?.code, 'E_NOT_FOUND')
  }
}
