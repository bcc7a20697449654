import { test } from '@japa/runner'
import { bootPluginApp, terminatePluginApp } from '#tests/helpers/plugin_app'
import type { ApplicationService } from '@adonisjs/core/types'
import { e2eRooms } from '#extensions/e2e_rooms'
import { resetDatabase } from '#tests/helpers/database'
import type { Method } from '#tests/helpers/requests'
import { as, chatOrg, groupRoom } from '#tests/functional/chat/chat_fixtures'
import e2eKeys from '../plugin.js'

const bootMiniApp = (enabled: string) => bootPluginApp({ known: [e2eKeys], enabled })

async function routeNames(app: ApplicationService) {
  const router = await app.container.make('router')
  router.commit()
  return Object.values(router.toJSON())
    .flat()
    .map((route) => route.name)
}

test.group('e2e-keys disabled (the test app) and booted alone', (group) => {
  group.each.setup(() => resetDatabase())

  test('encrypted rooms are refused with E_E2E_DISABLED and the key routes are 404', async ({
    client,
    assert,
  }) => {
    assert.isFalse(e2eRooms.active)
    const { org, owner, alice } = await chatOrg()
    const refused = await as(client, owner, org, 'post', '/chat/rooms/group').json({
      name: 'secret',
      memberIds: [alice.user.id],
      encrypted: true,
    })
    refused.assertStatus(422)
    refused.assertBody({
      errors: [
        {
          code: 'E_E2E_DISABLED',
          message: 'End-to-end encrypted rooms need the e2e-keys plugin',
          field: 'encrypted',
        },
      ],
    })
    const room = await groupRoom(org, owner, [alice])
    const paths: [Method, string][] = [
      ['put', `/keys/devices/${crypto.randomUUID()}`],
      ['delete', `/keys/devices/${crypto.randomUUID()}`],
      ['get', `/users/${alice.user.id}/public-key`],
      ['get', `/users/${alice.user.id}/key-log`],
      ['get', `/chat/rooms/${room.id}/keys`],
      ['post', `/chat/rooms/${room.id}/keys`],
    ]
    for (const [method, path] of paths) {
      const response = await as(client, owner, org, method, path).json({})
      assert.equal(response.status(), 404, `${method} ${path}`)
      assert.equal(response.body().errors[0].code, 'E_NOT_FOUND')
    }
    const ciphertext = await as(client, owner, org, 'post', '/chat/messages').json({
      roomId: room.id,
      ciphertext: 'AAAAAAAA',
      iv: 'AAAAAAAAAAAAAAAA',
      keyVersion: 1,
      algorithm: 'AES-256-GCM',
    })
    ciphertext.assertStatus(422)
    ciphertext.assertBodyContains({ errors: [{ code: 'E_PLAINTEXT_ROOM', field: 'ciphertext' }] })
  })

  test('enabled, the plugin registers its routes and the key directory; shutdown removes it', async ({
    assert,
  }) => {
    const disabled = await bootMiniApp('')
    assert.notInclude(await routeNames(disabled), 'keys.devices.update')
    await terminatePluginApp(disabled)

    const app = await bootMiniApp('e2e-keys')
    try {
      const names = await routeNames(app)
      for (const name of [
        'keys.devices.update',
        'keys.devices.destroy',
        'users.keys.publicKey',
        'users.keys.keyLog',
        'chat.rooms.keys.index',
        'chat.rooms.keys.store',
      ]) {
        assert.include(names, name)
      }
      assert.isTrue(e2eRooms.active)
      assert.equal(e2eRooms.provider?.id, 'e2e-keys')
    } finally {
      await terminatePluginApp(app)
    }
    assert.isFalse(e2eRooms.active)
  })

  test('a bad E2E_MAX_DEVICES stops the boot naming it', async ({ assert, cleanup }) => {
    process.env.E2E_MAX_DEVICES = 'lots'
    cleanup(() => {
      delete process.env.E2E_MAX_DEVICES
    })
    await assert.rejects(() => bootMiniApp('e2e-keys'), /e2e-keys.*E2E_MAX_DEVICES is invalid/)
    assert.isFalse(e2eRooms.active)
  })
})
