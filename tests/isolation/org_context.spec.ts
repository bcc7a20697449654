import { test } from '@japa/runner'
import router from '@adonisjs/core/services/router'
import { resetDatabase } from '#tests/helpers/database'
import { createOrgWith, createUserWithToken } from '#tests/helpers/users'

/*
 * Sweeps every organization-scoped route the router holds (chat, media,
 * notifications, and those plugins add under them): without an organization
 * context each is 400 E_ORGANIZATION_REQUIRED, and with the id of an
 * organization the caller is not in, 404. New routes join the sweep by
 * themselves.
 */
const SCOPED = /^\/(chat|media|notifications)\//

function scopedRoutes() {
  return Object.values(router.toJSON())
    .flat()
    .filter(
      (route) => SCOPED.test(`${route.pattern}/`) && !route.pattern.startsWith('/media/files')
    )
    .flatMap((route) =>
      route.methods
        .filter((method) => method !== 'HEAD')
        .map((method) => ({ method, url: route.pattern.replace(/:\w+/g, crypto.randomUUID()) }))
    )
}

test.group('Organization context on every scoped route', (group) => {
  group.each.setup(() => resetDatabase())

  test('the sweep covers the chat, media and notification routes', ({ assert }) => {
    const urls = scopedRoutes().map((route) => `${route.method} ${route.url.split('/')[1]}`)
    assert.includeMembers(urls, ['POST chat', 'GET media', 'PUT notifications'])
    assert.isAbove(urls.length, 20)
  })

  test('answers 400 E_ORGANIZATION_REQUIRED without any organization', async ({ client }) => {
    const loner = await createUserWithToken()
    for (const { method, url } of scopedRoutes()) {
      const response = await client.request(url, method).bearerToken(loner.token).json({})
      response.assertStatus(400)
      response.assertBodyContains({ errors: [{ code: 'E_ORGANIZATION_REQUIRED' }] })
    }
  })

  test('answers 404 for an organization the caller is not in', async ({ client }) => {
    const caller = await createUserWithToken()
    await createOrgWith(caller.user)
    const owner = await createUserWithToken()
    const foreign = await createOrgWith(owner.user)
    for (const { method, url } of scopedRoutes()) {
      const response = await client
        .request(url, method)
        .bearerToken(caller.token)
        .header('x-organization-id', foreign.id)
        .json({})
      response.assertStatus(404)
      response.assertBodyContains({ errors: [{ code: 'E_NOT_FOUND' }] })
    }
  })
})
