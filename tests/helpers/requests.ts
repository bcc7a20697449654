import type { ApiClient } from '@japa/api-client'
import type { ApiResponse } from '@japa/api-client'
import type Organization from '#models/organization'
import type { UserWithToken } from '#tests/helpers/users'

/** The HTTP verbs the suites send. */
export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete'

/**
 * A request as `who` in `org` (token and x-organization-id set). It goes through
 * `client.request()` because the verb helpers type the body per verb (`get` takes
 * `never`), and a union of them would accept no body at all.
 */
export function as(
  client: ApiClient,
  who: UserWithToken,
  org: Organization,
  method: Method,
  url: string
) {
  return client
    .request(url, method.toUpperCase())
    .bearerToken(who.token)
    .header('x-organization-id', org.id)
}

/** Awaits a request and asserts its status; answers the response for more checks. */
export async function expectStatus(request: PromiseLike<ApiResponse>, status: number) {
  const response = await request
  response.assertStatus(status)
  return response
}
