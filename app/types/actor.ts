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
  /**
   * The live session acting, when the actor was kept from an earlier event
   * (a socket's): the message store re-checks its API token inside the
   * write, so a revoked session cannot send on a cached actor.
   */
  session?: { tokenId: string }
  /**
   * A server admin acting through chatctl (local or remote, never a user's
   * token): the room gate lets them manage any room of the organization
   * without being in it. Set only by the admin operations' `adminActor`.
   */
  serverAdmin?: true
}

/**
 * A REST session taken from the node's memo of recent sessions instead of
 * being read for this request (app/services/request_sessions.ts): the
 * request's own statement must prove it, in its snapshot, before anything
 * it reads is answered (app/domain/auth/session_proof.ts).
 */
export interface SessionProof {
  tokenId: string
  userId: string
  organizationId: string
  /** The organization came from the user's active one (no `x-organization-id`): it must still be. */
  activeOrganization: boolean
}
