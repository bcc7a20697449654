import { ROLES, type Role } from '#models/membership'

/** The permission matrix of DESIGN.md §3. */
export const PERMISSIONS = {
  manageOrgSettings: ['owner', 'admin'],
  inviteUsers: ['owner', 'admin', 'moderator'],
  manageRoles: ['owner'],
  removeMembers: ['owner', 'admin'],
  createGroupRooms: ['owner', 'admin', 'moderator'],
  deleteOthersMessages: ['owner', 'admin', 'moderator'],
  accessAnalytics: ['owner', 'admin'],
  sendMessages: ['owner', 'admin', 'moderator', 'member'],
  viewAuditLog: ['owner', 'admin'],
  moderateMembers: ['owner', 'admin', 'moderator'],
  banMembers: ['owner', 'admin'],
  manageRetention: ['owner', 'admin'],
  exportOrganization: ['owner'],
} as const satisfies Record<string, readonly Role[]>

export type Permission = keyof typeof PERMISSIONS

/** Whether a role holds a permission. */
export function roleCan(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role)
}

/** Whether an organization role is moderator or higher. */
export function isModeratorOrAbove(role: Role): boolean {
  return ROLES.indexOf(role) <= ROLES.indexOf('moderator')
}
