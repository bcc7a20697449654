import type User from '#models/user'
import type Organization from '#models/organization'
import type Membership from '#models/membership'

/**
 * Who is acting, and in which organization. Every action takes one; REST,
 * sockets and chatctl build it the same way (see OrgContext).
 */
export interface Actor {
  user: User
  organization: Organization
  membership: Membership
}
