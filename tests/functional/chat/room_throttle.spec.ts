import { test } from '@japa/runner'
import limiter from '@adonisjs/limiter/services/main'
import { limits } from '#config/limiter'
import { resetDatabase } from '#tests/helpers/database'
import { as, chatOrg } from './chat_fixtures.js'

test.group('Room creation throttle', (group) => {
  group.each.setup(async () => {
    await resetDatabase()
    await limiter.clear()
    return () => limiter.clear()
  })

  test('direct and group rooms share one per-user budget of ROOM_CREATE_RATE_PER_HOUR', async ({
    client,
    assert,
  }) => {
    const { org, owner, moderator, alice } = await chatOrg()
    const direct = (who: typeof owner) =>
      as(client, who, org, 'post', '/chat/rooms/direct').json({ userId: alice.user.id })
    const grouped = (who: typeof owner, name: string) =>
      as(client, who, org, 'post', '/chat/rooms/group').json({ name, memberIds: [] })

    const half = Math.floor(limits.roomCreatesPerHour / 2)
    const seen: number[] = []
    for (let i = 0; i < limits.roomCreatesPerHour; i += 10) {
      const batch = Array.from({ length: Math.min(10, limits.roomCreatesPerHour - i) }, (_, j) =>
        i + j < half ? direct(owner) : grouped(owner, `room ${i + j}`)
      )
      for (const response of await Promise.all(batch)) seen.push(response.status())
    }
    assert.notInclude(seen, 429)

    for (const refused of [await direct(owner), await grouped(owner, 'one more')]) {
      refused.assertStatus(429)
      refused.assertBodyContains({ errors: [{ code: 'E_TOO_MANY_REQUESTS' }] })
      assert.isAbove(Number(refused.header('retry-after')), 0)
    }

    const theirs = [await grouped(moderator, 'theirs'), await direct(moderator)]
    for (const response of theirs) response.assertStatus(201)
  })
})
