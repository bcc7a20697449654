import { test } from '@japa/runner'
import { resetDatabase } from '#tests/helpers/database'
import { as, chatOrg, groupRoom } from './chat_fixtures.js'

/*
 * Message bodies are stored exactly as sent over REST, as over the socket
 * (tests/realtime/bad_input.spec.ts): leading and trailing whitespace is
 * content (code indentation, trailing newlines); only an all-whitespace body
 * is empty. (On main the body parser trimmed REST bodies: "  indented\n"
 * came back as "indented".)
 */
test.group('Message content as sent (REST)', (group) => {
  group.each.setup(() => resetDatabase())

  test('POST and PUT keep leading and trailing whitespace; a blank body is 422', async ({
    client,
    assert,
  }) => {
    const { org, owner } = await chatOrg()
    const room = await groupRoom(org, owner, [])
    const code = '    def f():\n        return 1\n\n'
    const sent = await as(client, owner, org, 'post', '/chat/messages').json({
      roomId: room.id,
      content: code,
    })
    sent.assertStatus(201)
    assert.equal(sent.body().data.content, code)

    const listed = await as(client, owner, org, 'get', `/chat/rooms/${room.id}/messages`)
    assert.equal(listed.body().data[0].content, code)

    const edited = await as(
      client,
      owner,
      org,
      'put',
      `/chat/messages/${sent.body().data.id}`
    ).json({ content: `\n${code}\t` })
    edited.assertStatus(200)
    assert.equal(edited.body().data.content, `\n${code}\t`)

    for (const content of [' ', '\n\t \r\n', '\u00a0 ']) {
      const blank = await as(client, owner, org, 'post', '/chat/messages').json({
        roomId: room.id,
        content,
      })
      blank.assertStatus(422)
      assert.equal(blank.body().errors[0].field, 'content')
    }
  })
})
