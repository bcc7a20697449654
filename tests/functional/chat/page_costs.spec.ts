import { test } from '@japa/runner'
import pg from 'pg'
import { Secret } from '@adonisjs/core/helpers'
import User from '#models/user'
import Membership from '#models/membership'
import { actorFor } from '#services/org_context'
import { verifySession } from '#services/token_sessions'
import { forgetSessions } from '#services/request_sessions'
import { expectStatus } from '#tests/helpers/requests'
import { resetDatabase } from '#tests/helpers/database'
import { recordStatements } from '#tests/helpers/query_counter'
import { as, chatOrg, groupRoom, otherOrg, send } from './chat_fixtures.js'

/*
 * What a history page costs in statements (docs/scaling.md), counted at the
 * pg client, and that the membership read with the token is the request's
 * own: never a later request's or a later event's.
 */

async function activeIn(userId: string, organizationId: string | null) {
  await User.query().where('id', userId).update({ activeOrganizationId: organizationId })
}

test.group('History page costs', (group) => {
  group.each.setup(() => resetDatabase())

  test('a latest page is two statements, the session then the page, and one once the session is recalled', async ({
    client,
    assert,
  }) => {
    const { org, owner, alice } = await chatOrg()
    const room = await groupRoom(org, owner, [alice])
    await send(org, owner, room.id, 'hello @' + alice.user.username)
    await activeIn(alice.user.id, org.id)
    const page = () => as(client, alice, org, 'get', `/chat/rooms/${room.id}/messages`)
    await expectStatus(page(), 200)
    forgetSessions()
    const stopCold = recordStatements()
    const cold = await page()
    const coldStatements = stopCold()
    cold.assertStatus(200)
    assert.lengthOf(coldStatements, 2, coldStatements.join('\n'))
    assert.match(coldStatements[0], /from "auth_access_tokens" as "t"/)
    assert.match(coldStatements[0], /left join "memberships" as "m"/)
    assert.match(coldStatements[1], /^WITH gate AS/)
    assert.notMatch(coldStatements[1], /auth_access_tokens/)
    const stop = recordStatements()
    const response = await page()
    const statements = stop()
    response.assertStatus(200)
    assert.lengthOf(response.body().data, 1)
    assert.lengthOf(statements, 1, statements.join('\n'))
    assert.match(statements[0], /^WITH gate AS .* EXISTS \(SELECT 1 FROM auth_access_tokens t/)
  })

  test('the page and the token lookup go as named statements, planned once per connection', async ({
    client,
    assert,
  }) => {
    const { org, owner, alice } = await chatOrg()
    const room = await groupRoom(org, owner, [alice])
    await send(org, owner, room.id, 'hello')
    const names: (string | undefined)[] = []
    const tokenNames: (string | undefined)[] = []
    const original = pg.Client.prototype.query
    pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
      const config = args[0] as { text?: string; name?: string }
      if (config?.text?.startsWith('WITH gate AS')) names.push(config.name)
      if (config?.text?.includes('from "auth_access_tokens" as "t"')) tokenNames.push(config.name)
      return (original as (...a: unknown[]) => unknown).apply(this, args)
    } as typeof original
    try {
      for (let i = 0; i < 2; i++) {
        forgetSessions()
        const response = await as(client, alice, org, 'get', `/chat/rooms/${room.id}/messages`)
        response.assertStatus(200)
      }
    } finally {
      pg.Client.prototype.query = original
    }
    assert.lengthOf(names, 2)
    assert.match(names[0] ?? '', /^parley_[0-9a-f]{24}$/)
    assert.equal(names[1], names[0])
    assert.lengthOf(tokenNames, 2)
    assert.match(tokenNames[0] ?? '', /^parley_[0-9a-f]{24}$/)
    assert.equal(tokenNames[1], tokenNames[0])
    assert.notEqual(tokenNames[0], names[0])
  })

  test('a page in another organization than the active one reads that membership too', async ({
    client,
    assert,
  }) => {
    const { org, owner, alice } = await chatOrg()
    const room = await groupRoom(org, owner, [alice])
    await send(org, owner, room.id, 'hello')
    const { org: elsewhere } = await otherOrg()
    await activeIn(alice.user.id, elsewhere.id)
    const page = () => as(client, alice, org, 'get', `/chat/rooms/${room.id}/messages`)
    await expectStatus(page(), 200)
    forgetSessions()
    const stop = recordStatements()
    const response = await page()
    const statements = stop()
    response.assertStatus(200)
    assert.lengthOf(statements, 3, statements.join('\n'))
  })

  test('the token lookup is built once per join, and a join binding values is refused', async ({
    assert,
  }) => {
    const { alice } = await chatOrg()
    const secret = new Secret(alice.token)
    const first = await verifySession(User.accessTokens, secret)
    const second = await verifySession(User.accessTokens, secret)
    assert.equal(second?.user.id, first?.user.id)
    assert.equal(first?.user.id, alice.user.id)
    const revoked = await verifySession(User.accessTokens, new Secret(`${alice.token}x`))
    assert.isNull(revoked)
    await assert.rejects(
      () =>
        User.accessTokens.verifyJoined(secret, (query) => {
          query.where('t.name', 'a value of its own')
        }),
      /must not bind values/
    )
  })

  test('the membership read with the token serves one actor only', async ({ assert }) => {
    const { org, alice } = await chatOrg()
    await activeIn(alice.user.id, org.id)
    const session = await verifySession(User.accessTokens, new Secret(alice.token))
    assert.isNotNull(session)
    const first = await actorFor(session!.user, org.id)
    assert.equal(first.membership.role, 'member')
    await Membership.query()
      .where('user_id', alice.user.id)
      .where('organization_id', org.id)
      .update({ role: 'admin' })
    const second = await actorFor(session!.user, org.id)
    assert.equal(second.membership.role, 'admin')
  })

  test('a member removed from the active organization gets 404 on the next page', async ({
    client,
  }) => {
    const { org, owner, alice } = await chatOrg()
    const room = await groupRoom(org, owner, [alice])
    await activeIn(alice.user.id, org.id)
    const page = () => as(client, alice, org, 'get', `/chat/rooms/${room.id}/messages`)
    const warm = await page()
    warm.assertStatus(200)
    await Membership.query()
      .where('user_id', alice.user.id)
      .where('organization_id', org.id)
      .delete()
    const gone = await page()
    gone.assertStatus(404)
  })
})
