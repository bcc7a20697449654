import { test } from '@japa/runner'
import limiter from '@adonisjs/limiter/services/main'
import env from '#start/env'
import Message from '#models/message'
import { resetDatabase } from '#tests/helpers/database'
import { as, chatOrg, groupRoom } from './chat_fixtures.js'

test.group('POST /chat/messages rate limit', (group) => {
  group.each.setup(async () => {
    await resetDatabase()
    await limiter.clear()
    return () => limiter.clear()
  })

  test('limits REST sends per user to SEND_RATE_PER_MINUTE, without storing the refused one', async ({
    client,
    assert,
  }) => {
    const { org, owner, alice } = await chatOrg()
    const room = await groupRoom(org, owner, [alice])
    const limit = env.get('SEND_RATE_PER_MINUTE', 600)
    const send = (who: typeof owner, i: number) =>
      as(client, who, org, 'post', '/chat/messages').json({ roomId: room.id, content: `m${i}` })

    for (let batch = 0; batch < limit; batch += 20) {
      const responses = await Promise.all(
        Array.from({ length: Math.min(20, limit - batch) }, (_, i) => send(owner, batch + i))
      )
      for (const response of responses) response.assertStatus(201)
    }
    const refused = await send(owner, limit)
    refused.assertStatus(429)
    refused.assertBodyContains({ errors: [{ code: 'E_TOO_MANY_REQUESTS' }] })
    assert.isAbove(Number(refused.header('retry-after')), 0)

    const fromAlice = await send(alice, 0)
    fromAlice.assertStatus(201)
    const stored = await Message.query().where('room_id', room.id).count('* as total')
    assert.equal(Number(stored[0].$extras.total), limit + 1)
  })
})
