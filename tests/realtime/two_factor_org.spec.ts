import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import Organization from '#models/organization'
import { resetDatabase } from '#tests/helpers/database'
import { attachGateway, closeSockets, connectAs, refusedConnection } from '#tests/helpers/sockets'
import { createMemberWithToken, createOrgWith, createUserWithToken } from '#tests/helpers/users'

test.group('Socket.IO: an organization that requires two-factor authentication', (group) => {
  group.setup(() => attachGateway())
  group.each.setup(() => resetDatabase())
  group.each.teardown(() => closeSockets())

  test('refuses the handshake of a member without 2FA, accepts one with it', async ({ assert }) => {
    const owner = await createUserWithToken()
    const org = await createOrgWith(owner.user)
    const member = await createMemberWithToken(org)
    await Organization.query()
      .where('id', org.id)
      .update({ settings: JSON.stringify({ ...org.settings, requireTwoFactor: true }) })

    const refused = await refusedConnection({ token: member.token, organizationId: org.id })
    assert.equal(refused.message, 'E_TWO_FACTOR_REQUIRED')

    member.user.twoFactorEnabledAt = DateTime.now()
    await member.user.save()
    const { context } = await connectAs({ token: member.token, organizationId: org.id })
    assert.equal(context.organizationId, org.id)
  })
})
