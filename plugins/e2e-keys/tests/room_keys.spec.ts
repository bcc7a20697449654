import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import type { ServerProcess } from '#tests/helpers/server_process'
import { resetDatabase } from '#tests/helpers/database'
import { chatOrg, member, otherOrg } from '#tests/functional/chat/chat_fixtures'
import { eventually } from '#tests/functional/notifications/notification_fixtures'
import * as e2e from '../../../packages/client/src/e2e/index.js'
import { E2eUser, call, expectStatus, startE2eServer } from './e2e_fixtures.js'

/** How many key versions and envelopes are stored (failed uploads must leave none). */
async function stored() {
  const versions = await db.from('e2e_room_key_versions').count('* as n')
  const envelopes = await db.from('e2e_room_key_envelopes').count('* as n')
  return { versions: Number(versions[0].n), envelopes: Number(envelopes[0].n) }
}

test.group('e2e-keys: room key versions (server process)', (group) => {
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

  /** owner and alice (two devices) in an encrypted room; bob is in the org but not the room. */
  async function setup() {
    const { org, owner, alice, bob } = await chatOrg()
    const [o, a, b] = await Promise.all(
      [owner, alice, bob].map((who) => new E2eUser(server, who, org).register())
    )
    users.push(o, a, b)
    const second = await e2e.generateDeviceKeys({ encryption: 'RSA-OAEP', signing: 'RSA-PSS' })
    const body = await e2e.deviceRegistration(second, a.id)
    expectStatus(await a.call('PUT', `/keys/devices/${second.deviceId}`, body), 201)
    const created = await o.call('POST', '/chat/rooms/group', {
      name: 'vault',
      memberIds: [a.id],
      encrypted: true,
    })
    const roomId = expectStatus(created, 201).data.id as string
    return { org, owner: o, alice: a, bob: b, second, roomId }
  }

  /** The next version's upload as the room's GET keys describes it. */
  async function upload(from: E2eUser, roomId: string, version?: number) {
    const state = expectStatus(await from.call('GET', `/chat/rooms/${roomId}/keys`), 200).data
    return e2e.buildRoomKeyUpload({
      roomId,
      version: version ?? state.currentVersion + 1,
      roomKey: e2e.generateRoomKey(),
      sender: from.device,
      recipients: state.recipients,
    })
  }

  test('POST /chat/rooms/:roomId/keys stores the next version, one envelope per member device', async ({
    assert,
  }) => {
    const { owner, alice, second, roomId } = await setup()
    const anonymous = await call(server, null, null, 'POST', `/chat/rooms/${roomId}/keys`, {})
    assert.equal(anonymous.status, 401)
    const body = await upload(owner, roomId)
    assert.lengthOf(body.envelopes, 3)
    const created = expectStatus(await owner.call('POST', `/chat/rooms/${roomId}/keys`, body), 201)
    assert.deepInclude(created.data, {
      roomId,
      version: 1,
      stale: false,
      createdByDeviceId: owner.device.deviceId,
    })
    assert.deepEqual(await stored(), { versions: 1, envelopes: 3 })

    const mine = expectStatus(await alice.call('GET', `/chat/rooms/${roomId}/keys`), 200).data
    assert.equal(mine.currentVersion, 1)
    assert.isFalse(mine.stale)
    assert.sameMembers(
      mine.envelopes.map((envelope: any) => envelope.deviceId),
      [alice.device.deviceId, second.deviceId]
    )
    for (const envelope of mine.envelopes) assert.equal(envelope.userId, alice.id)
    const rsaEnvelope = mine.envelopes.find(
      (envelope: any) => envelope.deviceId === second.deviceId
    )
    const viaRsa = await e2e.openEnvelope(second, rsaEnvelope)
    const viaX25519 = await alice.loadRoomKeys(roomId).then(() => alice.keysOf(roomId).get(1)!)
    assert.deepEqual([...viaRsa], [...viaX25519])
    const one = await alice.call('GET', `/chat/rooms/${roomId}/keys?deviceId=${second.deviceId}`)
    assert.lengthOf(expectStatus(one, 200).data.envelopes, 1)
  })

  test('POST /chat/rooms/:roomId/keys validates the body (422) and writes nothing', async ({
    assert,
  }) => {
    const { owner, roomId } = await setup()
    const good = await upload(owner, roomId)
    const cases: [object, string][] = [
      [{}, 'version'],
      [{ ...good, version: '1' }, 'version'],
      [{ ...good, envelopes: 'all' }, 'envelopes'],
      [{ ...good, envelopes: [] }, 'envelopes'],
      [{ ...good, deviceId: 'nope' }, 'deviceId'],
      [
        { ...good, envelopes: [{ ...good.envelopes[0], wrappedKey: '***' }] },
        'envelopes.0.wrappedKey',
      ],
    ]
    for (const [body, field] of cases) {
      const response = await owner.call('POST', `/chat/rooms/${roomId}/keys`, body)
      assert.equal(response.status, 422, field)
      assert.deepInclude(response.body.errors[0], { code: 'E_VALIDATION_ERROR', field })
    }
    assert.deepEqual(await stored(), { versions: 0, envelopes: 0 })
  })

  test('the server checks exact coverage, the next version and every signature', async ({
    assert,
  }) => {
    const { owner, alice, bob, roomId } = await setup()
    const good = await upload(owner, roomId)
    const post = (body: object) => owner.call('POST', `/chat/rooms/${roomId}/keys`, body)

    const missing = await post({ ...good, envelopes: good.envelopes.slice(1) })
    assert.equal(missing.status, 422)
    assert.deepInclude(missing.body.errors[0], { code: 'E_ENVELOPE_COVERAGE', field: 'envelopes' })
    const intruder = { ...good.envelopes[0], userId: bob.id, deviceId: bob.device.deviceId }
    const extra = await post({ ...good, envelopes: [...good.envelopes, intruder] })
    assert.equal(extra.status, 422)
    assert.equal(extra.body.errors[0].code, 'E_ENVELOPE_COVERAGE')
    // Another member's envelope relabelled as the owner's (the order of envelopes follows
    // the devices' ids, so pick it by owner rather than by position).
    const theirs = good.envelopes.findIndex((envelope) => envelope.userId !== owner.id)
    const wrongUser = await post({
      ...good,
      envelopes: good.envelopes.map((envelope, index) =>
        index === theirs ? { ...envelope, userId: owner.id } : envelope
      ),
    })
    assert.equal(wrongUser.status, 422)
    assert.equal(wrongUser.body.errors[0].code, 'E_ENVELOPE_COVERAGE')
    const forged = good.envelopes.map((envelope, index) =>
      index === 1 ? { ...envelope, signature: good.envelopes[0].signature } : envelope
    )
    const badSignature = await post({ ...good, envelopes: forged })
    assert.equal(badSignature.status, 422)
    assert.deepInclude(badSignature.body.errors[0], {
      code: 'E_ENVELOPE_SIGNATURE',
      field: 'envelopes.1.signature',
    })
    const notMine = await post({ ...good, deviceId: alice.device.deviceId })
    assert.deepInclude(notMine.body.errors[0], { code: 'E_VALIDATION_ERROR', field: 'deviceId' })
    const skipped = await post(await upload(owner, roomId, 2))
    assert.equal(skipped.status, 409)
    assert.equal(skipped.body.errors[0].code, 'E_KEY_VERSION_CONFLICT')
    assert.deepEqual(await stored(), { versions: 0, envelopes: 0 })

    expectStatus(await post(good), 201)
    const replay = await post(await upload(owner, roomId, 1))
    assert.equal(replay.status, 409)
    assert.equal(replay.body.errors[0].code, 'E_KEY_VERSION_CONFLICT')
    const byMember = await alice.call(
      'POST',
      `/chat/rooms/${roomId}/keys`,
      await upload(alice, roomId)
    )
    assert.equal(expectStatus(byMember, 201).data.version, 2)
    assert.deepEqual(await stored(), { versions: 2, envelopes: 6 })
  })

  test('a revoked device and a removal from the organization make the room stale; the next version covers current members only', async ({
    assert,
  }) => {
    const { org, owner, alice, second, roomId } = await setup()
    const keys = async () => {
      const response = await owner.call('GET', `/chat/rooms/${roomId}/keys`)
      return expectStatus(response, 200).data
    }
    const isStale = () => keys().then((state) => state.stale as boolean)
    const recipients = (state: any) =>
      state.recipients.map((r: any) => `${r.userId}/${r.deviceId}`).sort()
    const post = async () =>
      expectStatus(
        await owner.call('POST', `/chat/rooms/${roomId}/keys`, await upload(owner, roomId)),
        201
      )
    await post()
    assert.isFalse(await isStale())

    expectStatus(await alice.call('DELETE', `/keys/devices/${second.deviceId}`), 204)
    const afterRevoke = await keys()
    assert.isTrue(afterRevoke.stale)
    assert.deepEqual(
      recipients(afterRevoke),
      [`${owner.id}/${owner.device.deviceId}`, `${alice.id}/${alice.device.deviceId}`].sort()
    )
    await post()
    assert.isFalse(await isStale())

    const removed = await owner.call('DELETE', `/organizations/${org.id}/members/${alice.id}`)
    assert.equal(removed.status, 204)
    const afterRemoval = await eventually(async () => {
      const state = await keys()
      return state.stale ? state : null
    })
    assert.deepEqual(recipients(afterRemoval), [`${owner.id}/${owner.device.deviceId}`])
  })

  test('room key versions and envelopes are immutable in the database', async ({ assert }) => {
    const { owner, roomId } = await setup()
    expectStatus(
      await owner.call('POST', `/chat/rooms/${roomId}/keys`, await upload(owner, roomId)),
      201
    )
    await assert.rejects(
      () => db.from('e2e_room_key_envelopes').update({ wrapped_key: 'AAAA' }),
      /append-only/
    )
    await assert.rejects(() => db.from('e2e_room_key_envelopes').delete(), /append-only/)
    await assert.rejects(() => db.from('e2e_room_key_versions').update({ version: 7 }), /immutable/)
    await assert.rejects(() => db.from('e2e_room_key_versions').delete(), /immutable/)
    assert.deepEqual(await stored(), { versions: 1, envelopes: 3 })
  })

  test('room keys are 404 for another organization and for non-members', async ({ assert }) => {
    const { org, owner, bob, roomId } = await setup()
    const foreign = await otherOrg()
    const stranger = new E2eUser(server, foreign.stranger, foreign.org)
    await stranger.register()
    const body = await upload(owner, roomId)
    const outsider = new E2eUser(server, await member(org), org)
    for (const [who, orgOfCall] of [
      [foreign.stranger, foreign.org],
      [foreign.stranger, org],
      [bob.who, org],
      [outsider.who, org],
    ] as const) {
      for (const method of ['GET', 'POST']) {
        const response = await call(
          server,
          who,
          orgOfCall,
          method,
          `/chat/rooms/${roomId}/keys`,
          method === 'POST' ? body : undefined
        )
        assert.equal(response.status, 404, `${method} as ${who.user.username}`)
        assert.equal(response.body.errors[0].code, 'E_NOT_FOUND')
      }
    }
    const anonymous = await call(server, null, null, 'GET', `/chat/rooms/${roomId}/keys`)
    assert.equal(anonymous.status, 401)
    const badQuery = await owner.call('GET', `/chat/rooms/${roomId}/keys?deviceId=nope`)
    assert.equal(badQuery.status, 422)
    assert.equal(badQuery.body.errors[0].field, 'deviceId')
    assert.deepEqual(await stored(), { versions: 0, envelopes: 0 })
  })
})
