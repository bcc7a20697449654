import { test } from '@japa/runner'
import { createHash, createPublicKey, generateKeyPairSync } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import type { ServerProcess } from '#tests/helpers/server_process'
import { resetDatabase } from '#tests/helpers/database'
import { chatOrg, groupRoom, member, otherOrg } from '#tests/functional/chat/chat_fixtures'
import { ambiguousOperations } from '#tests/helpers/openapi'
import { addMember, createUserWithToken } from '#tests/helpers/users'
import * as e2e from '../../../packages/client/src/e2e/index.js'
import { E2eUser, call, collect, expectStatus, nextEvent, startE2eServer } from './e2e_fixtures.js'

const spkiPem = (key: { export: Function }) =>
  key.export({ type: 'spki', format: 'pem' }).toString() as string

/** sha256 of a PEM key's SPKI DER, computed independently of the server. */
const spkiSha256 = (pem: string) =>
  createHash('sha256')
    .update(createPublicKey(pem).export({ type: 'spki', format: 'der' }))
    .digest('hex')

test.group('e2e-keys: device keys and key log (server process)', (group) => {
  let server: ServerProcess
  const users: E2eUser[] = []

  group.setup(async () => {
    server = await startE2eServer()
    return () => server.stop()
  })
  group.each.setup(async () => {
    await resetDatabase()
    return () => users.splice(0).forEach((user) => user.close())
  })

  async function setup() {
    const { org, owner, alice, bob } = await chatOrg()
    const [o, a, b] = [owner, alice, bob].map((who) => new E2eUser(server, who, org))
    users.push(o, a, b)
    const foreign = await otherOrg()
    return { org, owner: o, alice: a, bob: b, foreign }
  }

  test('the enabled server describes the key routes in its /openapi.json', async ({ assert }) => {
    const response = await fetch(`${server.url}/openapi.json`)
    const document = (await response.json()) as any
    assert.properties(document.paths['/keys/devices/{deviceId}'], ['put', 'delete'])
    assert.properties(document.paths['/chat/rooms/{roomId}/keys'], ['get', 'post'])
    assert.properties(document.paths['/users/{id}/key-log'], ['get'])
  })

  test('user key routes match UUIDs only: /users/username/public-key is the user "public-key"', async ({
    assert,
  }) => {
    const { org, alice } = await setup()
    const named = await Promise.all(
      ['public-key', 'key-log'].map((username) => createUserWithToken({ username }))
    )
    for (const user of named) await addMember(org, user.user)
    for (const user of named) {
      const found = await alice.call('GET', `/users/username/${user.user.username}`)
      assert.equal(expectStatus(found, 200).data.id, user.user.id)
    }
    for (const path of ['public-key', 'key-log']) {
      const notAnId = await alice.call('GET', `/users/not-a-uuid/${path}`)
      assert.equal(notAnId.status, 404)
      assert.equal(notAnId.body.errors[0].message, 'Route not found')
    }
    const served = await fetch(`${server.url}/openapi.json`)
    const document = (await served.json()) as any
    assert.deepEqual(ambiguousOperations(document), [])
    assert.equal(document.paths['/users/{id}/public-key'].get.parameters[0].schema.format, 'uuid')
  })

  test('PUT /keys/devices/:deviceId registers signed keys with SPKI fingerprints', async ({
    assert,
  }) => {
    const { alice } = await setup()
    const device = await e2e.generateDeviceKeys({ encryption: 'RSA-OAEP', signing: 'RSA-PSS' })
    const body = await e2e.deviceRegistration(device, alice.id)
    const anonymous = await call(
      server,
      null,
      null,
      'PUT',
      `/keys/devices/${device.deviceId}`,
      body
    )
    assert.equal(anonymous.status, 401)
    assert.equal(anonymous.body.errors[0].code, 'E_UNAUTHORIZED')

    const created = expectStatus(
      await alice.call('PUT', `/keys/devices/${device.deviceId}`, body),
      201
    )
    assert.equal(created.data.deviceId, device.deviceId)
    assert.equal(created.data.encryptionKey.algorithm, 'RSA-OAEP')
    assert.equal(created.data.encryptionKey.fingerprint, spkiSha256(device.encryption.publicPem))
    assert.equal(created.data.signingKey.fingerprint, spkiSha256(device.signing.publicPem))
    assert.equal(
      created.data.signingKey.fingerprint,
      await e2e.fingerprint(device.signing.publicPem)
    )
    const again = await alice.call('PUT', `/keys/devices/${device.deviceId}`, body)
    assert.equal(again.status, 200)

    const other = await e2e.generateDeviceKeys({ deviceId: device.deviceId })
    const swapped = await alice.call(
      'PUT',
      `/keys/devices/${device.deviceId}`,
      await e2e.deviceRegistration(other, alice.id)
    )
    assert.equal(swapped.status, 409)
    assert.equal(swapped.body.errors[0].code, 'E_DEVICE_KEY_IMMUTABLE')
    const log = await db.from('e2e_key_log').where('user_id', alice.id)
    assert.lengthOf(log, 1)
  })

  test('PUT /keys/devices/:deviceId refuses short, malformed, private and mistyped keys (422)', async ({
    assert,
  }) => {
    const { alice } = await setup()
    const good = await e2e.generateDeviceKeys()
    const body = await e2e.deviceRegistration(good, alice.id)
    const rsa1024 = generateKeyPairSync('rsa', { modulusLength: 1024 })
    const smallExponent = generateKeyPairSync('rsa', { modulusLength: 2048, publicExponent: 3 })
    const otherExponent = generateKeyPairSync('rsa', { modulusLength: 2048, publicExponent: 65539 })
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' })
    const ed = generateKeyPairSync('ed25519')
    const privatePem = rsa1024.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()
    const garbage =
      '-----BEGIN PUBLIC KEY-----\nbm90IGEga2V5IGF0IGFsbA==\n-----END PUBLIC KEY-----\n'
    const withKey = (algorithm: string, publicKey: string) => ({
      ...body,
      encryptionKey: { algorithm, publicKey },
    })
    const cases: [object, string, RegExp][] = [
      [
        withKey('RSA-OAEP', spkiPem(rsa1024.publicKey)),
        'encryptionKey.publicKey',
        /at least 2048 bits/,
      ],
      [
        withKey('RSA-OAEP', spkiPem(smallExponent.publicKey)),
        'encryptionKey.publicKey',
        /exponent must be 65537/,
      ],
      [
        withKey('RSA-OAEP', spkiPem(otherExponent.publicKey)),
        'encryptionKey.publicKey',
        /exponent must be 65537/,
      ],
      [
        {
          ...body,
          signingKey: { algorithm: 'RSA-PSS', publicKey: spkiPem(smallExponent.publicKey) },
        },
        'signingKey.publicKey',
        /exponent must be 65537/,
      ],
      [withKey('X25519', 'not a pem at all'), 'encryptionKey.publicKey', /PEM/],
      [withKey('X25519', garbage), 'encryptionKey.publicKey', /DER|SubjectPublicKeyInfo/],
      [withKey('RSA-OAEP', privatePem), 'encryptionKey.publicKey', /PUBLIC KEY/],
      [withKey('X25519', spkiPem(ec.publicKey)), 'encryptionKey.publicKey', /not a X25519 key/],
      [withKey('RSA-OAEP', spkiPem(ed.publicKey)), 'encryptionKey.publicKey', /not a RSA-OAEP key/],
      [withKey('AES', good.encryption.publicPem), 'encryptionKey.algorithm', /./],
      [
        { ...body, signingKey: { algorithm: 'Ed25519', publicKey: 42 } },
        'signingKey.publicKey',
        /./,
      ],
      [{ ...body, signature: body.signature.replace(/^.{4}/, 'AAAA') }, 'signature', /not signed/],
      [{ ...body, signature: undefined }, 'signature', /./],
    ]
    for (const [payload, field, message] of cases) {
      const response = await alice.call('PUT', `/keys/devices/${good.deviceId}`, payload)
      assert.equal(response.status, 422, field)
      assert.equal(response.body.errors[0].code, 'E_VALIDATION_ERROR')
      assert.equal(response.body.errors[0].field, field)
      assert.match(response.body.errors[0].message, message)
    }
    const badId = await alice.call('PUT', '/keys/devices/not-a-uuid', body)
    assert.equal(badId.status, 422)
    assert.equal(badId.body.errors[0].field, 'params.deviceId')
    const replayed = await alice.call('PUT', `/keys/devices/${crypto.randomUUID()}`, body)
    assert.equal(replayed.status, 422)
    assert.equal(replayed.body.errors[0].field, 'signature')
    assert.lengthOf(await db.from('e2e_devices'), 0)
    assert.lengthOf(await db.from('e2e_key_log'), 0)
  })

  test('another user’s device id is 404 on PUT and DELETE', async ({ assert }) => {
    const { alice, foreign } = await setup()
    await alice.register()
    const stranger = new E2eUser(server, foreign.stranger, foreign.org)
    const theirs = await e2e.generateDeviceKeys({ deviceId: alice.device.deviceId })
    const body = await e2e.deviceRegistration(theirs, stranger.id)
    const put = await stranger.call('PUT', `/keys/devices/${alice.device.deviceId}`, body)
    assert.equal(put.status, 404)
    assert.equal(put.body.errors[0].code, 'E_NOT_FOUND')
    for (const target of [alice.device.deviceId, crypto.randomUUID(), 'not-a-uuid']) {
      const response = await stranger.call('DELETE', `/keys/devices/${target}`)
      assert.equal(response.status, 404)
      assert.equal(response.body.errors[0].code, 'E_NOT_FOUND')
    }
    const row = await db.from('e2e_devices').where('id', alice.device.deviceId).first()
    assert.equal(row.user_id, alice.id)
    assert.isNull(row.revoked_at)
  })

  test('DELETE /keys/devices/:deviceId revokes: gone from public-key, logged, not reusable', async ({
    assert,
  }) => {
    const { alice, bob } = await setup()
    await alice.register()
    const anonymous = await call(
      server,
      null,
      null,
      'DELETE',
      `/keys/devices/${alice.device.deviceId}`
    )
    assert.equal(anonymous.status, 401)
    const second = await e2e.generateDeviceKeys({ encryption: 'RSA-OAEP', signing: 'Ed25519' })
    expectStatus(
      await alice.call(
        'PUT',
        `/keys/devices/${second.deviceId}`,
        await e2e.deviceRegistration(second, alice.id)
      ),
      201
    )
    expectStatus(await alice.call('DELETE', `/keys/devices/${alice.device.deviceId}`), 204)
    const again = await alice.call('DELETE', `/keys/devices/${alice.device.deviceId}`)
    assert.equal(again.status, 404)

    const keys = expectStatus(await bob.call('GET', `/users/${alice.id}/public-key`), 200)
    assert.equal(keys.data.userId, alice.id)
    assert.deepEqual(
      keys.data.devices.map((d: any) => d.deviceId),
      [second.deviceId]
    )
    const log = expectStatus(await bob.call('GET', `/users/${alice.id}/key-log`), 200)
    assert.deepEqual(
      log.data.map((entry: any) => entry.action),
      ['register', 'register', 'revoke']
    )
    const verified = await e2e.verifyKeyLog(alice.id, log.data)
    assert.deepEqual(verified.head, log.meta.head)
    await e2e.assertKeysMatchLog(keys.data.devices, verified.devices)

    const reuse = await alice.call(
      'PUT',
      `/keys/devices/${alice.device.deviceId}`,
      await e2e.deviceRegistration(alice.device, alice.id)
    )
    assert.equal(reuse.status, 409)
    assert.equal(reuse.body.errors[0].code, 'E_DEVICE_REVOKED')
  })

  test('GET /users/:id/public-key and key-log: 401, 404 across organizations, visible in one', async ({
    assert,
  }) => {
    const { alice, bob, foreign } = await setup()
    await alice.register()
    for (const path of ['public-key', 'key-log']) {
      const anonymous = await call(server, null, null, 'GET', `/users/${alice.id}/${path}`)
      assert.equal(anonymous.status, 401)
      for (const id of [alice.id, crypto.randomUUID(), 'not-a-uuid']) {
        const response = await call(server, foreign.stranger, null, 'GET', `/users/${id}/${path}`)
        assert.equal(response.status, 404, `${path} ${id}`)
        assert.equal(response.body.errors[0].code, 'E_NOT_FOUND')
      }
      const visible = await bob.call('GET', `/users/${alice.id}/${path}`)
      assert.equal(visible.status, 200)
    }
    const keys = expectStatus(await bob.call('GET', `/users/${alice.id}/public-key`), 200)
    assert.lengthOf(keys.data.devices, 1)
    assert.equal(
      keys.data.devices[0].encryptionKey.publicKey.trim(),
      alice.device.encryption.publicPem.trim()
    )
    assert.notProperty(keys.data.devices[0], 'signature')
    const stranger = expectStatus(
      await call(
        server,
        foreign.stranger,
        null,
        'GET',
        `/users/${foreign.stranger.user.id}/key-log`
      ),
      200
    )
    assert.deepEqual(stranger.data, [])
  })

  test('a forged key log entry breaks the chain and is detected', async ({ assert }) => {
    const { alice, bob } = await setup()
    await alice.register()
    const log = expectStatus(await bob.call('GET', `/users/${alice.id}/key-log`), 200)
    const first = await e2e.verifyKeyLog(alice.id, log.data)
    const pinned = first.head!

    const altered = structuredClone(log.data)
    altered[0].encryptionFingerprint = 'f'.repeat(64)
    await assert.rejects(() => e2e.verifyKeyLog(alice.id, altered), /altered \(hash mismatch\)/)

    const impostor = await e2e.generateDeviceKeys({ deviceId: alice.device.deviceId })
    const fake = await e2e.deviceRegistration(impostor, alice.id)
    const forged = {
      ...log.data[0],
      encryptionFingerprint: await e2e.fingerprint(impostor.encryption.publicPem),
      signingFingerprint: await e2e.fingerprint(impostor.signing.publicPem),
      encryptionKey: impostor.encryption.publicPem,
      signingKey: impostor.signing.publicPem,
      signature: fake.signature,
    }
    forged.hash = await e2e.keyLogEntryHash(alice.id, forged)
    const consistent = await e2e.verifyKeyLog(alice.id, [forged])
    assert.lengthOf(consistent.devices, 1)
    await assert.rejects(
      () => e2e.verifyKeyLog(alice.id, [forged], { pinned }),
      /no longer contains entry 1/
    )
    const unsigned = { ...forged, signature: log.data[0].signature }
    unsigned.hash = await e2e.keyLogEntryHash(alice.id, unsigned)
    await assert.rejects(() => e2e.verifyKeyLog(alice.id, [unsigned]), /not signed by the device/)
    const served = [
      {
        deviceId: alice.device.deviceId,
        encryptionKey: { publicKey: impostor.encryption.publicPem },
        signingKey: { publicKey: impostor.signing.publicPem },
      },
    ]
    const genuine = await e2e.verifyKeyLog(alice.id, log.data)
    await assert.rejects(
      () => e2e.assertKeysMatchLog(served, genuine.devices),
      /not the logged key/
    )

    await assert.rejects(
      () =>
        db
          .from('e2e_key_log')
          .where('user_id', alice.id)
          .update({ encryption_fingerprint: forged.encryptionFingerprint }),
      /append-only/
    )
    await assert.rejects(
      () => db.from('e2e_key_log').where('user_id', alice.id).delete(),
      /append-only/
    )
  })

  test('key_changed reaches users who share a room with the owner, and no one else', async ({
    assert,
  }) => {
    const { org, owner, alice, bob } = await setup()
    const carol = new E2eUser(server, await member(org), org)
    users.push(carol)
    await groupRoom(org, owner.who, [alice.who, bob.who])
    const bobSocket = await bob.connect()
    const carolSocket = await carol.connect()
    const carolSaw = collect(carolSocket, 'key_changed')
    const seen = nextEvent(bobSocket, 'key_changed')
    await alice.register()
    const event = await seen
    assert.deepInclude(event, {
      userId: alice.id,
      deviceId: alice.device.deviceId,
      action: 'register',
      seq: 1,
    })
    const log = expectStatus(await bob.call('GET', `/users/${alice.id}/key-log`), 200)
    assert.equal(event.hash, log.data[0].hash)
    await new Promise((resolve) =>
      carolSocket.emit('join_room', { roomId: crypto.randomUUID() }, resolve)
    )
    assert.lengthOf(carolSaw, 0)
  })
})
