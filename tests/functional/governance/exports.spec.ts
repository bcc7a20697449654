import { existsSync } from 'node:fs'
import { rm, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { createHash, randomUUID } from 'node:crypto'
import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { actorFor } from '#services/org_context'
import EditMessage from '#actions/messages/edit_message'
import DeleteMessage from '#actions/messages/delete_message'
import DeleteExpiredExports from '#actions/exports/delete_expired_exports'
import DeleteOrganization from '#actions/admin/delete_organization'
import MessageCipher from '#services/message_cipher'
import { EXPORT_BATCH } from '#domain/exports/archive_lines'
import { resetDatabase } from '#tests/helpers/database'
import { expectStatus } from '#tests/helpers/requests'
import { assertNotFoundForForeignOrgs } from '#tests/helpers/tenancy'
import { as, chatOrg, groupRoom, otherOrg, send } from '#tests/functional/chat/chat_fixtures'
import {
  mediaRoot,
  pngBytes,
  removeFixtureFiles,
  trackFiles,
} from '#tests/functional/media/media_fixtures'
import router from '@adonisjs/core/services/router'
import User from '#models/user'
import RegisterUser from '#actions/auth/register_user'
import { TEST_PASSWORD } from '#tests/helpers/users'
import { createMemberWithToken } from '#tests/helpers/users'
import {
  archiveOf,
  download,
  readArchive,
  settled,
  startWorkers,
  statusOf,
} from './export_fixtures.js'

const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex')

/** Requests an organization export as `who` and waits for it to settle. */
async function exportOrg(client: any, orgId: string, token: string) {
  const created = await expectStatus(
    client.post(`/organizations/${orgId}/exports`).bearerToken(token),
    201
  )
  const id = created.body().data.id
  return settled(client, `/organizations/${orgId}/exports/${id}`, token)
}

test.group('Exports through the admin API', (group) => {
  group.setup(() => startWorkers())
  group.each.setup(() => resetDatabase())

  test('queues the build, refuses a server path, and answers 404 to hostile ids', async ({
    client,
    assert,
  }) => {
    const { org } = await chatOrg()
    const token = await adminToken()
    const started = await expectStatus(
      client.post(`/admin/organizations/${org.slug}/exports`).bearerToken(token).json({}),
      201
    )
    assert.deepInclude(started.body().data, { kind: 'organization', organizationId: org.id })
    const view = await settled(client, `/admin/exports/${started.body().data.id}`, token)
    assert.equal(view.status, 'ready')

    const refused = await expectStatus(
      client
        .post(`/admin/organizations/${org.slug}/exports`)
        .bearerToken(token)
        .json({ output: '/etc/cron.d/parley' }),
      422
    )
    assert.equal(refused.body().errors[0].field, 'output')
    for (const bad of ['not-a-uuid', '%00', randomUUID()]) {
      const response = await client.get(`/admin/exports/${bad}`).bearerToken(token)
      assert.include([404, 422], response.status(), bad)
    }
    const nul = await client
      .post('/admin/users/x/exports')
      .bearerToken(token)
      .json({ output: '/tmp/a\u0000b' })
    assert.equal(nul.status(), 422)
  })
})

test.group('Exports', (group) => {
  group.setup(() => startWorkers())
  group.each.setup(async () => {
    await resetDatabase()
    await rm(join(mediaRoot(), 'exports'), { recursive: true, force: true })
  })
  group.each.teardown(() => removeFixtureFiles())

  test('an owner exports the organization: rooms, members, decrypted messages and identical files', async ({
    client,
    assert,
  }) => {
    const { org, owner, alice, bob } = await chatOrg()
    trackFiles(org.id)
    const room = await groupRoom(org, owner, [alice, bob], 'general')
    const hello = await send(org, alice, room.id, 'hello, world ✓')
    const edited = await send(org, bob, room.id, 'first draft')
    const gone = await send(org, alice, room.id, 'regrettable')
    await EditMessage.handle(await actorFor(bob.user, org.id), edited.id, { content: 'final' })
    await DeleteMessage.handle(await actorFor(alice.user, org.id), gone.id)
    const png = await pngBytes()
    const upload = await expectStatus(
      as(client, alice, org, 'post', `/media/upload/${hello.id}`).file('file', png, {
        filename: '../../etc/passwd.png',
      }),
      201
    )
    const { org: foreign, stranger } = await otherOrg()
    const foreignRoom = await groupRoom(foreign, stranger, [], 'elsewhere')
    await send(foreign, stranger, foreignRoom.id, 'not yours')

    const view = await exportOrg(client, org.id, owner.token)
    assert.equal(view.status, 'ready')
    assert.deepEqual(view.progress, { done: 4, total: 4 })
    assert.match(view.download.url, new RegExp(`^/exports/${view.id}/download\\?`))

    const fetched = await download(view.download.url)
    assert.equal(fetched.status, 200)
    assert.equal(fetched.type, 'application/zip')
    assert.equal(fetched.bytes.length, view.size)
    const archive = await readArchive(fetched.bytes)
    const assetId = upload.body().data.id
    const stored = `files/${assetId}/${upload.body().data.name}`
    assert.deepEqual(archive.names, [
      'files.jsonl',
      stored,
      'manifest.json',
      'members.jsonl',
      'messages.jsonl',
      'organization.json',
      'room_members.jsonl',
      'rooms.jsonl',
    ])
    assert.equal(sha(archive.bytes(stored)), sha(png))
    const [file] = archive.lines('files.jsonl')
    assert.include(file, { id: assetId, messageId: hello.id, sha256: sha(png) })

    const messages = archive.lines('messages.jsonl')
    assert.deepEqual(
      messages.map((m) => [m.id, m.content, m.deletedAt === null]),
      [
        [hello.id, 'hello, world ✓', true],
        [edited.id, 'final', true],
        [gone.id, null, false],
      ]
    )
    assert.deepEqual(
      messages[1].edits.map((e: { content: string }) => e.content),
      ['first draft']
    )
    assert.notInclude(archive.text('messages.jsonl'), 'regrettable')
    assert.notInclude(archive.text('messages.jsonl'), 'not yours')
    assert.deepEqual(
      archive.lines('rooms.jsonl').map((r) => r.name),
      ['general']
    )
    assert.sameMembers(
      archive.lines('members.jsonl').map((m) => m.userId),
      await chatMembers(org.id)
    )
    assert.equal(JSON.parse(archive.text('organization.json')).id, org.id)
    assert.deepInclude(JSON.parse(archive.text('manifest.json')), {
      kind: 'organization',
      counts: { messages: 3, files: 1, missingFiles: 0 },
    })

    const audit = await db
      .from('audit_events')
      .where('target_id', view.id)
      .orderBy('id')
      .select('action', 'actor_user_id', 'organization_id', 'details')
    assert.deepEqual(
      audit.map((row) => row.action),
      ['export.requested', 'export.completed', 'export.downloaded']
    )
    assert.equal(audit[0].actor_user_id, owner.user.id)
    assert.equal(audit[1].details.status, 'ready')
    assert.isTrue(audit.every((row) => row.organization_id === org.id))
  })

  test('end-to-end encrypted bodies stay ciphertext, a shredded key leaves the line unreadable, a deleted row exports no text', async ({
    client,
    assert,
  }) => {
    const { org, owner, alice } = await chatOrg()
    const room = await groupRoom(org, owner, [alice])
    const sealed = await send(org, alice, room.id, 'opaque')
    const shredded = await send(org, alice, room.id, 'shredded')
    const stale = await send(org, alice, room.id, 'deleted, ciphertext left behind')
    await db.from('messages').where('id', stale.id).update({ deleted_at: new Date() })
    const payload = { ciphertext: 'Y2lwaGVy', iv: 'aXY=', keyVersion: 3, algorithm: 'A256GCM' }
    await db
      .from('messages')
      .where('id', sealed.id)
      .update({ body_ciphertext: null, body_key_id: null, encrypted_payload: payload })
    await db
      .from('messages')
      .where('id', shredded.id)
      .update({ body_key_id: '00000000-0000-4000-8000-000000000000' })

    const view = await exportOrg(client, org.id, owner.token)
    const archive = await archiveOf(view.download.url)
    const [e2e, lost, deleted] = archive.lines('messages.jsonl')
    assert.deepInclude(e2e, { content: null, encrypted: payload })
    assert.deepInclude(lost, { content: null, unreadable: true })
    assert.deepInclude(deleted, { content: null, encrypted: null, edits: [] })
    assert.notInclude(archive.text('messages.jsonl'), 'left behind')
  })

  test('only owners export: admins, moderators and members are 403, other organizations 404', async ({
    client,
    assert,
  }) => {
    const { org, owner, moderator, alice } = await chatOrg()
    const admin = await createMemberWithToken(org, 'admin')
    for (const who of [admin, moderator, alice]) {
      const refused = await expectStatus(
        client.post(`/organizations/${org.id}/exports`).bearerToken(who.token),
        403
      )
      assert.equal(refused.body().errors[0].code, 'E_FORBIDDEN')
    }
    const made = await db.from('data_exports').where('organization_id', org.id).count('* as n')
    assert.equal(Number(made[0].n), 0, 'a refused request creates no export')
    const view = await exportOrg(client, org.id, owner.token)
    const path = `/organizations/${org.id}/exports/${view.id}`
    await expectStatus(client.get(path).bearerToken(alice.token), 403)
    await expectStatus(client.post(`/organizations/${org.id}/exports`), 401)

    await assertNotFoundForForeignOrgs(client, assert, (c, orgId) =>
      c.post(`/organizations/${orgId}/exports`)
    )
    await assertNotFoundForForeignOrgs(client, assert, (c, orgId) =>
      c.get(`/organizations/${orgId}/exports/${view.id}`)
    )
    const { org: foreign, stranger } = await otherOrg()
    const theirs = await exportOrg(client, foreign.id, stranger.token)
    for (const id of [theirs.id, 'not-a-uuid', '%00', '00000000-0000-4000-8000-000000000000']) {
      const response = await client
        .get(`/organizations/${org.id}/exports/${id}`)
        .bearerToken(owner.token)
      assert.equal(response.status(), 404, id)
      assert.equal(response.body().errors[0].code, 'E_NOT_FOUND')
    }
    const asUser = await client.get(`/users/me/exports/${theirs.id}`).bearerToken(stranger.token)
    assert.equal(asUser.status(), 404, 'an organization export is not a user export')
  })

  test('a download link that expired, was altered or names another export is refused', async ({
    client,
    assert,
  }) => {
    const { org, owner } = await chatOrg()
    const { org: foreign, stranger } = await otherOrg()
    const view = await exportOrg(client, org.id, owner.token)
    const theirs = await exportOrg(client, foreign.id, stranger.token)
    const url = new URL(view.download.url, 'http://x')
    const signature = url.searchParams.get('signature')!
    const tampered = `${url.pathname}?signature=${signature.slice(0, -2)}AA`
    const swapped = `/exports/${theirs.id}/download?signature=${signature}`
    for (const bad of [tampered, swapped, `/exports/${view.id}/download`]) {
      const response = await download(bad)
      assert.equal(response.status, 401, bad)
      assert.equal(JSON.parse(response.bytes.toString()).errors[0].code, 'E_UNAUTHORIZED')
    }
    const short = router.makeSignedUrl(
      'exports.download',
      { exportId: view.id },
      { expiresIn: '1s', purpose: 'export-download' }
    )
    await new Promise((resolve) => setTimeout(resolve, 2100))
    assert.equal(await statusOf(short), 401, 'expired')
    const otherPurpose = router.makeSignedUrl('exports.download', { exportId: view.id })
    assert.equal(await statusOf(otherPurpose), 401, 'signed for another purpose')
    assert.equal(await statusOf(view.download.url), 200, 'the real link still works')
  })

  test("a user's own export holds their profile, messages and files, nobody else's", async ({
    client,
    assert,
  }) => {
    const { org, owner, alice, bob } = await chatOrg()
    trackFiles(org.id)
    const room = await groupRoom(org, owner, [alice, bob])
    const mine = await send(org, alice, room.id, 'alice speaking')
    await send(org, bob, room.id, 'bob speaking')
    const png = await pngBytes()
    await expectStatus(
      as(client, alice, org, 'post', `/media/upload/${mine.id}`).file('file', png, {
        filename: 'me.png',
      }),
      201
    )
    const theirs = await send(org, bob, room.id, 'bob again')
    await expectStatus(
      as(client, bob, org, 'post', `/media/upload/${theirs.id}`).file(
        'file',
        await pngBytes(10, 10),
        {
          filename: 'bob.png',
        }
      ),
      201
    )

    const created = await expectStatus(
      client.post('/users/me/exports').bearerToken(alice.token),
      201
    )
    const view = await settled(client, `/users/me/exports/${created.body().data.id}`, alice.token)
    assert.equal(view.status, 'ready')
    assert.equal(view.kind, 'user')
    const archive = await archiveOf(view.download.url)
    const profile = JSON.parse(archive.text('profile.json'))
    assert.equal(profile.id, alice.user.id)
    assert.notProperty(profile, 'password')
    assert.deepEqual(
      archive.lines('messages.jsonl').map((m) => m.content),
      ['alice speaking']
    )
    const files = archive.lines('files.jsonl')
    assert.deepEqual(
      files.map((f) => f.name),
      ['me.png']
    )
    assert.equal(sha(archive.bytes(files[0].path)), sha(png))
    assert.deepEqual(
      archive.lines('organizations.jsonl').map((o) => o.organizationId),
      [org.id]
    )
    for (const id of [view.id, '%00', 'not-a-uuid']) {
      const peek = await client.get(`/users/me/exports/${id}`).bearerToken(bob.token)
      assert.equal(peek.status(), 404, id)
    }
    const audit = await db.from('audit_events').where('target_id', view.id).orderBy('id')
    assert.deepEqual(
      audit.map((row) => [row.action, row.actor_user_id]),
      [
        ['export.requested', alice.user.id],
        ['export.completed', alice.user.id],
        ['export.downloaded', null],
      ]
    )
  })

  test('a build that fails midway is failed with a reason, its partial file removed', async ({
    client,
    assert,
    cleanup,
  }) => {
    const { org, owner, alice } = await chatOrg()
    const room = await groupRoom(org, owner, [alice])
    const template = await send(org, alice, room.id, 'many times')
    await copies(template.id, EXPORT_BATCH * 2)
    const decrypt = MessageCipher.decrypt
    let calls = 0
    let partial = 0
    MessageCipher.decrypt = async (...args) => {
      calls += 1
      if (calls === EXPORT_BATCH + 10) {
        const written = await stat(join(mediaRoot(), 'exports', `${exporting}.zip`))
        partial = written.size
        throw new Error('the database went away')
      }
      return decrypt.apply(MessageCipher, args)
    }
    cleanup(() => {
      MessageCipher.decrypt = decrypt
    })
    let exporting = ''
    const created = await expectStatus(
      client.post(`/organizations/${org.id}/exports`).bearerToken(owner.token),
      201
    )
    exporting = created.body().data.id
    const view = await settled(client, `/organizations/${org.id}/exports/${exporting}`, owner.token)
    assert.equal(view.status, 'failed')
    assert.equal(view.error, 'The archive could not be built')
    assert.isNull(view.download)
    assert.isAbove(partial, 0, 'a partial archive had been written')
    assert.isFalse(existsSync(join(mediaRoot(), 'exports', `${view.id}.zip`)), 'and it is gone')
    const completed = await db
      .from('audit_events')
      .where({ target_id: view.id, action: 'export.completed' })
      .first()
    assert.deepInclude(completed.details, {
      status: 'failed',
      reason: 'The archive could not be built',
    })
  })

  test('the cleanup expires old archives, fails builds whose process died, deletes orphans', async ({
    client,
    assert,
  }) => {
    const { org, owner } = await chatOrg()
    const view = await exportOrg(client, org.id, owner.token)
    const archive = join(mediaRoot(), 'exports', `${view.id}.zip`)
    assert.isTrue(existsSync(archive))
    await db
      .from('data_exports')
      .where('id', view.id)
      .update({ expires_at: db.raw(`now() - interval '1 minute'`) })
    const crashed = await exportOrg(client, org.id, owner.token)
    await db
      .from('data_exports')
      .where('id', crashed.id)
      .update({ status: 'running', heartbeat_at: db.raw(`now() - interval '11 minutes'`) })
    const partial = join(mediaRoot(), 'exports', `${crashed.id}.zip`)

    const { org: gone, stranger } = await otherOrg()
    const orphan = await exportOrg(client, gone.id, stranger.token)
    const orphanFile = join(mediaRoot(), 'exports', `${orphan.id}.zip`)
    await DeleteOrganization.handle(gone, stranger.user.id)
    assert.isTrue(existsSync(orphanFile), 'the row went with the organization, the file did not')

    assert.deepEqual(await DeleteExpiredExports.handle(), { expired: 1, failed: 1, orphans: 1 })
    assert.isFalse(existsSync(orphanFile), 'an archive whose organization is deleted is deleted')
    assert.isFalse(existsSync(archive), 'the expired archive is deleted')
    assert.isFalse(existsSync(partial), 'the dead build leaves no file')
    const expired = await client
      .get(`/organizations/${org.id}/exports/${view.id}`)
      .bearerToken(owner.token)
    assert.deepInclude(expired.body().data, { status: 'expired', download: null })
    assert.equal(await statusOf(view.download.url), 404)
    const dead = await client
      .get(`/organizations/${org.id}/exports/${crashed.id}`)
      .bearerToken(owner.token)
    assert.deepInclude(dead.body().data, { status: 'failed', error: 'The export was interrupted' })
  })
})

/** A server admin's admin token (chatctl remote mode). */
async function adminToken() {
  const user = await RegisterUser.handle(
    { email: `ops-${randomUUID()}@parley.test`, username: 'opsexport', password: TEST_PASSWORD },
    { isAdmin: true }
  )
  const token = await User.adminTokens.create(user, ['admin'])
  return token.value!.release()
}

/** Copies a message `count` times into its room with fresh seqs (bulk fixtures, bodies as sealed). */
async function copies(messageId: string, count: number) {
  await db.rawQuery(
    `INSERT INTO messages (id, organization_id, room_id, sender_id, seq, version_seq, body_hash,
       body_ciphertext, body_key_id, created_at)
     SELECT gen_random_uuid(), m.organization_id, m.room_id, m.sender_id, m.seq + g, m.seq + g,
       m.body_hash, m.body_ciphertext, m.body_key_id, now()
     FROM messages m, generate_series(1, ?) g WHERE m.id = ?`,
    [count, messageId]
  )
  await db.rawQuery(
    'UPDATE rooms SET last_seq = last_seq + ? WHERE id = (SELECT room_id FROM messages WHERE id = ?)',
    [count, messageId]
  )
}

/** The user ids of an organization's members, oldest first. */
async function chatMembers(orgId: string) {
  const rows = await db.from('memberships').where('organization_id', orgId).orderBy('created_at')
  return rows.map((row) => row.user_id as string)
}
