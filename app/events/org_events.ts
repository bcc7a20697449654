import type { Role } from '#models/membership'

/** Payload of `org:member_added`: someone joined (created the org or accepted an invite). */
export interface OrgMemberAdded {
  organizationId: string
  userId: string
  role: Role
  /** Who caused it: the inviter for an accepted invite, the user themself when creating. */
  addedById: string | null
}

/** Payload of `org:member_removed`: removed by an owner/admin, or left on their own. */
export interface OrgMemberRemoved {
  organizationId: string
  userId: string
  removedById: string
  reason: 'removed' | 'left'
}

/** Payload of `org:updated`: the organization's name or settings changed. */
export interface OrganizationUpdated {
  organizationId: string
}

/** Payload of `org:member_role_changed`. */
export interface OrgMemberRoleChanged {
  organizationId: string
  userId: string
  role: Role
  previousRole: Role
  changedById: string
}

/**
 * Organization domain events, emitted by the org actions after their
 * transaction commits. The real-time layer listens to them to join or
 * disconnect sockets; typing them here keeps emitters and listeners in step.
 */
declare module '@adonisjs/core/types' {
  interface EventsList {
    'org:member_added': OrgMemberAdded
    'org:member_removed': OrgMemberRemoved
    'org:member_role_changed': OrgMemberRoleChanged
    'org:updated': OrganizationUpdated
  }
}
