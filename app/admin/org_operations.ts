import AdminOrgQueries, { type Organization, type OrganizationSettings } from '#queries/admin_orgs'
import CreateOrganizationWithOwner from '#actions/admin/create_organization_with_owner'
import DeleteOrganization from '#actions/admin/delete_organization'
import UpdateOrganization from '#actions/orgs/update_organization'
import OrgAnalytics from '#actions/orgs/org_analytics'
import { serializer } from '#transformers/serializer'
import OrganizationTransformer from '#transformers/organization_transformer'
import AdminUserTransformer from '#transformers/admin_user_transformer'
import { defineOperation } from '#admin/operation'
import { adminActor, findOrganization } from '#queries/admin_lookup'
import {
  adminListValidator,
  adminUpdateOrganizationValidator,
  createOrganizationWithOwnerValidator,
  organizationRefValidator,
} from '#validators/admin'

/** An organization with its member and room counts (`$extras`). */
async function orgRow(organization: Organization) {
  const base = await serializer.serializeWithoutWrapping(
    OrganizationTransformer.transform(organization)
  )
  return {
    ...base,
    memberCount: Number(organization.$extras.memberCount ?? 0),
    roomCount: Number(organization.$extras.roomCount ?? 0),
  }
}

/** chatctl `org …`: organizations as server admins manage them. */
export const orgOperations = {
  'org:create': defineOperation('org:create', {
    validator: createOrganizationWithOwnerValidator,
    async handle(_context, input) {
      const result = await CreateOrganizationWithOwner.handle(input)
      const org = await AdminOrgQueries.withCounts(result.organization.id)
      return {
        organization: await orgRow(org),
        owner: await serializer.serializeWithoutWrapping(
          AdminUserTransformer.transform(result.owner)
        ),
        ownerCreated: result.ownerCreated,
        oneTimePassword: result.oneTimePassword,
        setPasswordLink: result.setPasswordLink,
        setPasswordExpiresAt: result.setPasswordExpiresAt,
      }
    },
  }),
  'org:list': defineOperation('org:list', {
    validator: adminListValidator,
    async handle(_context, input) {
      const rows = await AdminOrgQueries.list(input)
      return Promise.all(rows.map(orgRow))
    },
  }),
  'org:show': defineOperation('org:show', {
    validator: organizationRefValidator,
    async handle(_context, input) {
      const organization = await findOrganization(input.org)
      return orgRow(await AdminOrgQueries.withCounts(organization.id))
    },
  }),
  'org:update': defineOperation('org:update', {
    validator: adminUpdateOrganizationValidator,
    async handle(context, input) {
      const actor = await adminActor(context.principal, input.org)
      const settings: OrganizationSettings = {}
      if (input.description !== undefined) settings.description = input.description
      if (input.maxMembers !== undefined) settings.maxMembers = input.maxMembers
      const organization = await UpdateOrganization.handle(actor, {
        name: input.name,
        settings: Object.keys(settings).length ? settings : undefined,
      })
      return orgRow(await AdminOrgQueries.withCounts(organization.id))
    },
  }),
  'org:delete': defineOperation('org:delete', {
    validator: organizationRefValidator,
    async handle(context, input) {
      const actor = await adminActor(context.principal, input.org)
      return DeleteOrganization.handle(actor.organization, actor.user.id)
    },
  }),
  'org:stats': defineOperation('org:stats', {
    validator: organizationRefValidator,
    async handle(context, input) {
      return OrgAnalytics.handle(await adminActor(context.principal, input.org))
    },
  }),
}
