import { test } from '@japa/runner'
import type { Role } from '#models/membership'
import { resetDatabase } from '#tests/helpers/database'
import { as, chatOrg, groupRoom, member, send } from './chat_fixtures.js'

/*
 * The chat cells of the DESIGN.md §3 matrix, role by role over HTTP (the
 * organization cells are swept in tests/functional/orgs).
 */
const ROLES: Role[] = ['owner', 'admin', 'moderator', 'member']
const canCreateRooms: Record<Role, boolean> = {
  owner: true,
  admin: true,
  moderator: true,
  member: false,
}

/** A scene whose `actor` holds `role` (the org owner itself for 'owner'). */
async function sceneFor(role: Role) {
  const scene = await chatOrg()
  const actor = role === 'owner' ? scene.owner : await member(scene.org, role)
  return { ...scene, actor }
}

test.group('Permission matrix: chat', (group) => {
  group.each.setup(() => resetDatabase())

  for (const role of ROLES) {
    const verdict = canCreateRooms[role] ? 'creates' : 'may not create'
    test(`a ${role} ${verdict} group rooms`, async ({ client, assert }) => {
      const { org, actor, alice } = await sceneFor(role)
      const response = await as(client, actor, org, 'post', '/chat/rooms/group').json({
        name: `${role} room`,
        memberIds: [alice.user.id],
      })
      if (canCreateRooms[role]) {
        response.assertStatus(201)
        assert.equal(response.body().data.role, 'admin')
      } else {
        response.assertStatus(403)
        response.assertBodyContains({ errors: [{ code: 'E_FORBIDDEN' }] })
      }
    })

    const deletes = role !== 'member'
    test(`a ${role} ${deletes ? 'deletes' : 'may not delete'} others' messages`, async ({
      client,
      assert,
    }) => {
      const { org, owner, actor, alice } = await sceneFor(role)
      const room = await groupRoom(org, owner, role === 'owner' ? [alice] : [alice, actor])
      const message = await send(org, alice, room.id, 'from alice')
      const response = await as(client, actor, org, 'delete', `/chat/messages/${message.id}`)
      const page = await as(client, alice, org, 'get', `/chat/rooms/${room.id}/messages`)
      if (deletes) {
        response.assertStatus(204)
        assert.isNotNull(page.body().data[0].deletedAt)
      } else {
        response.assertStatus(403)
        assert.equal(page.body().data[0].content, 'from alice')
      }
    })

    test(`a ${role} sends messages and opens DMs`, async ({ client }) => {
      const { org, actor, alice } = await sceneFor(role)
      const dm = await as(client, actor, org, 'post', '/chat/rooms/direct').json({
        userId: alice.user.id,
      })
      dm.assertStatus(201)
      const sent = await as(client, actor, org, 'post', '/chat/messages').json({
        roomId: dm.body().data.id,
        content: `hello from a ${role}`,
      })
      sent.assertStatus(201)
      const seen = await as(client, alice, org, 'get', `/chat/rooms/${dm.body().data.id}/messages`)
      seen.assertBodyContains({ data: [{ content: `hello from a ${role}` }] })
    })
  }
})
