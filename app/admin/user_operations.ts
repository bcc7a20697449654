import AdminUserQueries, { type User } from '#queries/admin_users'
import CreateAccount from '#actions/admin/create_account'
import UpdateUserStatus from '#actions/admin/update_user_status'
import UpdateUserPassword from '#actions/admin/update_user_password'
import UpdateAccount from '#actions/admin/update_account'
import UpdateAdminRole from '#actions/admin/update_admin_role'
import DeleteAccount from '#actions/admin/delete_account'
import { serializer } from '#transformers/serializer'
import AdminUserTransformer from '#transformers/admin_user_transformer'
import { defineOperation } from '#admin/operation'
import { findUser } from '#queries/admin_lookup'
import {
  adminCreateUserValidator,
  adminListValidator,
  adminUpdateUserValidator,
  resetPasswordValidator,
  userRefValidator,
} from '#validators/admin'

/** An account as admins see it. */
function userRow(user: User) {
  return serializer.serializeWithoutWrapping(AdminUserTransformer.transform(user))
}

/** chatctl `user …`: every account on the server, whatever its organizations. */
export const userOperations = {
  'user:create': defineOperation('user:create', {
    validator: adminCreateUserValidator,
    async handle(_context, input) {
      const { user, oneTimePassword } = await CreateAccount.handle(input)
      return { user: await userRow(await AdminUserQueries.find(user.id)), oneTimePassword }
    },
  }),
  'user:list': defineOperation('user:list', {
    validator: adminListValidator,
    async handle(_context, input) {
      const rows = await AdminUserQueries.list(input)
      return Promise.all(rows.map(userRow))
    },
  }),
  'user:show': defineOperation('user:show', {
    validator: userRefValidator,
    async handle(_context, input) {
      const user = await findUser(input.user)
      const memberships = await AdminUserQueries.memberships(user.id)
      return {
        ...(await userRow(user)),
        organizations: memberships.map((membership) => ({
          id: membership.organizationId,
          slug: membership.organization.slug,
          name: membership.organization.name,
          role: membership.role,
        })),
      }
    },
  }),
  'user:deactivate': defineOperation('user:deactivate', {
    validator: userRefValidator,
    async handle(_context, input) {
      return userRow(await UpdateUserStatus.handle(await findUser(input.user), false))
    },
  }),
  'user:reactivate': defineOperation('user:reactivate', {
    validator: userRefValidator,
    async handle(_context, input) {
      return userRow(await UpdateUserStatus.handle(await findUser(input.user), true))
    },
  }),
  'user:reset-password': defineOperation('user:reset-password', {
    validator: resetPasswordValidator,
    async handle(_context, input) {
      const result = await UpdateUserPassword.handle(await findUser(input.user), input.password)
      return {
        user: await userRow(result.user),
        oneTimePassword: result.oneTimePassword,
        tokensRevoked: result.tokensRevoked,
      }
    },
  }),
  'user:update': defineOperation('user:update', {
    validator: adminUpdateUserValidator,
    async handle(_context, { user: ref, ...input }) {
      const user = await UpdateAccount.handle(await findUser(ref), input)
      return userRow(await AdminUserQueries.find(user.id))
    },
  }),
  'user:promote': defineOperation('user:promote', {
    validator: userRefValidator,
    async handle(_context, input) {
      const { user, tokensRevoked } = await UpdateAdminRole.handle(await findUser(input.user), true)
      return { user: await userRow(user), tokensRevoked }
    },
  }),
  'user:demote': defineOperation('user:demote', {
    validator: userRefValidator,
    async handle(_context, input) {
      const { user, tokensRevoked } = await UpdateAdminRole.handle(
        await findUser(input.user),
        false
      )
      return { user: await userRow(user), tokensRevoked }
    },
  }),
  'user:delete': defineOperation('user:delete', {
    validator: userRefValidator,
    async handle(_context, input) {
      return DeleteAccount.handle(await findUser(input.user))
    },
  }),
}
