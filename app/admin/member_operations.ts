import CreateInvite from '#actions/invites/create_invite'
import RevokeInvite from '#actions/invites/revoke_invite'
import UpdateMemberRole from '#actions/orgs/update_member_role'
import RemoveMember from '#actions/orgs/remove_member'
import AddMember from '#actions/admin/add_member'
import TransferOwnership from '#actions/orgs/transfer_ownership'
import OrgQueries, { type Membership } from '#queries/orgs'
import { serializer } from '#transformers/serializer'
import MembershipTransformer from '#transformers/membership_transformer'
import InviteTransformer from '#transformers/invite_transformer'
import { defineOperation } from '#admin/operation'
import { adminActor, findUser } from '#queries/admin_lookup'
import {
  adminAddMemberValidator,
  adminCreateInviteValidator,
  adminInviteRefValidator,
  adminMemberRefValidator,
  adminMemberRoleValidator,
  organizationRefValidator,
} from '#validators/admin'

/** A membership with its user, as the REST members list shows it. */
async function memberRow(membership: Membership) {
  if (!membership.user) await membership.load('user')
  return serializer.serializeWithoutWrapping(MembershipTransformer.transform(membership))
}

/** chatctl `member …` and `invite …`: an organization's people, as its owner would manage them. */
export const memberOperations = {
  'member:list': defineOperation('member:list', {
    validator: organizationRefValidator,
    async handle(context, input) {
      const actor = await adminActor(context.principal, input.org)
      const members = await OrgQueries.allMembers(actor)
      return Promise.all(members.map(memberRow))
    },
  }),
  'member:add': defineOperation('member:add', {
    validator: adminAddMemberValidator,
    async handle(context, input) {
      const actor = await adminActor(context.principal, input.org)
      return memberRow(await AddMember.handle(actor, await findUser(input.user), input.role))
    },
  }),
  'member:role': defineOperation('member:role', {
    validator: adminMemberRoleValidator,
    async handle(context, input) {
      const actor = await adminActor(context.principal, input.org)
      const user = await findUser(input.user)
      return memberRow(await UpdateMemberRole.handle(actor, user.id, input.role))
    },
  }),
  'org:transfer': defineOperation('org:transfer', {
    validator: adminMemberRefValidator,
    async handle(context, input) {
      const actor = await adminActor(context.principal, input.org)
      const user = await findUser(input.user)
      await TransferOwnership.handle(actor, user.id)
      const members = await OrgQueries.allMembers(actor)
      return Promise.all(members.map(memberRow))
    },
  }),
  'member:remove': defineOperation('member:remove', {
    validator: adminMemberRefValidator,
    async handle(context, input) {
      const actor = await adminActor(context.principal, input.org)
      const user = await findUser(input.user)
      await RemoveMember.handle(actor, user.id)
      return { organizationId: actor.organization.id, userId: user.id, removed: true }
    },
  }),
  'invite:create': defineOperation('invite:create', {
    validator: adminCreateInviteValidator,
    async handle(context, input) {
      const actor = await adminActor(context.principal, input.org)
      const { invite, token, link } = await CreateInvite.handle(actor, input)
      return serializer.serializeWithoutWrapping(
        InviteTransformer.transform(invite, { token, link }).useVariant('withLink')
      )
    },
  }),
  'invite:list': defineOperation('invite:list', {
    validator: organizationRefValidator,
    async handle(context, input) {
      const actor = await adminActor(context.principal, input.org)
      const invites = await OrgQueries.pendingInvites(actor)
      return serializer.serializeWithoutWrapping(InviteTransformer.transform(invites))
    },
  }),
  'invite:revoke': defineOperation('invite:revoke', {
    validator: adminInviteRefValidator,
    async handle(context, input) {
      const actor = await adminActor(context.principal, input.org)
      const invite = await RevokeInvite.handle(actor, input.invite)
      return serializer.serializeWithoutWrapping(InviteTransformer.transform(invite))
    },
  }),
}
