import { randomBytes } from 'node:crypto'
import User from '#models/user'
import type Organization from '#models/organization'
import Membership, { type Role } from '#models/membership'
import RegisterUser from '#actions/auth/register_user'
import CreateOrganization from '#actions/orgs/create_organization'

/*
 * Test fixtures built through the real actions (not raw inserts), so fixtures
 * obey the same rules as production data. They skip HTTP on purpose: the auth
 * routes are rate limited per IP, and most tests are not about registering.
 */

/** The password every fixture user gets, for tests that log in. */
export const TEST_PASSWORD = 'correct horse battery'

/** A user and a valid bearer token for them. */
export interface UserWithToken {
  user: User
  token: string
}

/**
 * Registers a user (unique email and username unless given) with a verified
 * address, and issues an access token, as `POST /auth/register` would.
 */
export async function createUserWithToken(
  overrides: { email?: string; username?: string; displayName?: string } = {}
): Promise<UserWithToken> {
  const suffix = randomBytes(4).toString('hex')
  const user = await RegisterUser.handle(
    {
      email: overrides.email ?? `user-${suffix}@example.com`,
      username: overrides.username ?? `user_${suffix}`,
      password: TEST_PASSWORD,
      displayName: overrides.displayName,
    },
    { emailVerified: true }
  )
  const token = await User.accessTokens.create(user, ['*'], { name: 'test' })
  return { user, token: token.value!.release() }
}

/** Creates an organization owned by `owner` (their active org if they had none). */
export async function createOrgWith(
  owner: User,
  input: { name?: string; slug?: string } = {}
): Promise<Organization> {
  const name = input.name ?? `Org ${randomBytes(3).toString('hex')}`
  const { organization } = await CreateOrganization.handle(owner, { name, slug: input.slug })
  return organization
}

/** Adds an existing user to an organization with a role (no invite involved). */
export async function addMember(organization: Organization, user: User, role: Role = 'member') {
  return Membership.create({ organizationId: organization.id, userId: user.id, role })
}

/** A fresh user with a token who is already a member of `organization` with `role`. */
export async function createMemberWithToken(
  organization: Organization,
  role: Role = 'member'
): Promise<UserWithToken> {
  const member = await createUserWithToken()
  await addMember(organization, member.user, role)
  return member
}
