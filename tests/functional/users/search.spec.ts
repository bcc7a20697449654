import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import { resetDatabase } from '#tests/helpers/database'
import { addMember, createOrgWith, createUserWithToken } from '#tests/helpers/users'

const usernames = (body: { data: { username: string }[] }) => body.data.map((user) => user.username)

test.group('GET /users', (group) => {
  group.each.setup(() => resetDatabase())

  test('requires a token', async ({ client }) => {
    const response = await client.get('/users')
    response.assertStatus(401)
    response.assertBodyContains({ errors: [{ code: 'E_UNAUTHORIZED' }] })
  })

  test('lists only users who share an organization with the caller', async ({ client, assert }) => {
    const me = await createUserWithToken({ username: 'me' })
    const colleague = await createUserWithToken({ username: 'colleague' })
    const otherOrgMate = await createUserWithToken({ username: 'other_mate' })
    await createUserWithToken({ username: 'loner' })
    const mine = await createOrgWith(me.user)
    await addMember(mine, colleague.user)
    const theirs = await createOrgWith(otherOrgMate.user)
    await addMember(theirs, colleague.user)

    const response = await client.get('/users').bearerToken(me.token)
    response.assertStatus(200)
    assert.deepEqual(usernames(response.body()), ['colleague', 'me'])
    assert.deepEqual(response.body().meta, { total: 2, perPage: 25, currentPage: 1, lastPage: 1 })
    assert.notProperty(response.body().data[0], 'email')
  })

  test('lists nobody for a caller without an organization', async ({ client, assert }) => {
    const me = await createUserWithToken()
    const other = await createUserWithToken()
    await createOrgWith(other.user)

    const response = await client.get('/users').bearerToken(me.token)
    response.assertStatus(200)
    assert.deepEqual(response.body().data, [])
    assert.equal(response.body().meta.total, 0)
  })

  test('searches username, display name and email prefixes case-insensitively', async ({
    client,
    assert,
  }) => {
    const me = await createUserWithToken({ username: 'zed', email: 'zed@example.com' })
    const org = await createOrgWith(me.user)
    for (const overrides of [
      { username: 'Alice', email: 'alice@example.com' },
      { username: 'bob', displayName: 'ALbert Bob', email: 'bob@example.com' },
      { username: 'carol', email: 'al.carol@example.com' },
      { username: 'dave', displayName: 'Dave Al', email: 'dave@example.com' },
    ]) {
      const member = await createUserWithToken(overrides)
      await addMember(org, member.user)
    }

    const response = await client.get('/users').qs({ search: 'aL' }).bearerToken(me.token)
    response.assertStatus(200)
    assert.deepEqual(usernames(response.body()), ['Alice', 'bob', 'carol'])
  })

  test('treats LIKE wildcards in the search as plain characters', async ({ client, assert }) => {
    const me = await createUserWithToken({ username: 'me' })
    const org = await createOrgWith(me.user)
    for (const username of ['a_b', 'axb']) {
      const member = await createUserWithToken({ username })
      await addMember(org, member.user)
    }

    const underscore = await client.get('/users').qs({ search: 'a_' }).bearerToken(me.token)
    assert.deepEqual(usernames(underscore.body()), ['a_b'])
    const percent = await client.get('/users').qs({ search: '%' }).bearerToken(me.token)
    assert.deepEqual(usernames(percent.body()), [])
  })

  test('leaves out deactivated users', async ({ client, assert }) => {
    const me = await createUserWithToken({ username: 'me' })
    const gone = await createUserWithToken({ username: 'gone' })
    const org = await createOrgWith(me.user)
    await addMember(org, gone.user)
    gone.user.deactivatedAt = DateTime.now()
    await gone.user.save()

    const response = await client.get('/users').bearerToken(me.token)
    assert.deepEqual(usernames(response.body()), ['me'])
  })

  test('pages the results', async ({ client, assert }) => {
    const me = await createUserWithToken({ username: 'u0' })
    const org = await createOrgWith(me.user)
    for (const username of ['u1', 'u2', 'u3', 'u4']) {
      const member = await createUserWithToken({ username })
      await addMember(org, member.user)
    }

    const response = await client.get('/users').qs({ page: 2, perPage: 2 }).bearerToken(me.token)
    response.assertStatus(200)
    assert.deepEqual(usernames(response.body()), ['u2', 'u3'])
    assert.deepEqual(response.body().meta, { total: 5, perPage: 2, currentPage: 2, lastPage: 3 })
  })

  test('rejects a page size over 100 and a search that is not a string', async ({ client }) => {
    const me = await createUserWithToken()
    const tooBig = await client.get('/users').qs({ perPage: 101 }).bearerToken(me.token)
    tooBig.assertStatus(422)
    tooBig.assertBodyContains({ errors: [{ code: 'E_VALIDATION_ERROR', field: 'perPage' }] })

    const array = await client.get('/users?search[]=a&search[]=b').bearerToken(me.token)
    array.assertStatus(422)
    array.assertBodyContains({ errors: [{ code: 'E_VALIDATION_ERROR', field: 'search' }] })
  })
})
