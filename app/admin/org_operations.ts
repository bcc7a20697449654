import db from '@adonisjs/lucid/services/db'
import Organization, { type OrganizationSettings } from '#models/organization'
import CreateOrganizationWithOwner from '#actions/admin/create_organization_with_owner'
import DeleteOrganization from '#actions/admin/delete_organization'
import UpdateOrganization from '#actions/orgs/update_organization'
import { serializer } from '#providers/api_provider'
import OrganizationTransformer from '#transformers/organization_transformer'
import AdminUserTransformer from '#transformers/admin_user_transformer'
import { defineOperation } from '#admin/operation'
import { adminActor, findOrganization } from '#admin/resolve'
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

/** Organizations with their counts, by name. */
function withCounts() {
  return Organization.query()
    .select('organizations.*')
    .select(
      db.raw(
        '(SELECT count(*) FROM memberships m WHERE m.organization_id = organizations.id)::int AS "memberCount"'
      ),
      db.raw(
        '(SELECT count(*) FROM rooms r WHERE r.organization_id = organizations.id)::int AS "roomCount"'
      )
    )
    .orderBy('organizations.name')
    .orderBy('organizations.id')
}

/** chatctl `org …`: organizations as server admins manage them. */
export const orgOperations = {
  'org:create': defineOperation('org:create', {
    validator: createOrganizationWithOwnerValidator,
    async handle(_context, input) {
      const result = await CreateOrganizationWithOwner.handle(input)
      const org = await withCounts().where('organizations.id', result.organization.id).firstOrFail()
      return {
        organization: await orgRow(org),
        owner: await serializer.serializeWithoutWrapping(
          AdminUserTransformer.transform(result.owner)
        ),
        ownerCreated: result.ownerCreated,
        oneTimePassword: result.oneTimePassword,
      }
    },
  }),
  'org:list': defineOperation('org:list', {
    validator: adminListValidator,
    async handle(_context, input) {
      const query = withCounts().limit(input.limit ?? 100)
      if (input.search) {
        const prefix = `${input.search.toLowerCase().replace(/[\\%_]/g, '\\$&')}%`
        query.where((q) =>
          q.whereRaw('lower(name) like ?', [prefix]).orWhere('slug', 'like', prefix)
        )
      }
      const rows = await query
      return Promise.all(rows.map(orgRow))
    },
  }),
  'org:show': defineOperation('org:show', {
    validator: organizationRefValidator,
    async handle(_context, input) {
      const organization = await findOrganization(input.org)
      return orgRow(await withCounts().where('organizations.id', organization.id).firstOrFail())
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
      return orgRow(await withCounts().where('organizations.id', organization.id).firstOrFail())
    },
  }),
  'org:delete': defineOperation('org:delete', {
    validator: organizationRefValidator,
    async handle(context, input) {
      const actor = await adminActor(context.principal, input.org)
      return DeleteOrganization.handle(actor.organization, actor.user.id)
    },
  }),
}
