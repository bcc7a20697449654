import SignupPolicyQueries from '#queries/signup_policy'
import UpdateSignupPolicy from '#actions/admin/update_signup_policy'
import { defineOperation } from '#admin/operation'
import { emptyInputValidator, userRefValidator } from '#validators/admin'
import RemoveTwoFactor from '#actions/auth/remove_two_factor'
import AdminUserTransformer from '#transformers/admin_user_transformer'
import { serializer } from '#transformers/serializer'
import { findUser } from '#queries/admin_lookup'
import { signupPolicyValidator } from '#validators/accounts'

/** chatctl `signup …` (who may register and create organizations) and `user reset-2fa`. */
export const accountOperations = {
  'signup:show': defineOperation('signup:show', {
    validator: emptyInputValidator,
    async handle() {
      return SignupPolicyQueries.current()
    },
  }),
  'signup:set': defineOperation('signup:set', {
    validator: signupPolicyValidator,
    async handle(_context, input) {
      return UpdateSignupPolicy.handle(input)
    },
  }),
  'user:reset-2fa': defineOperation('user:reset-2fa', {
    validator: userRefValidator,
    async handle({ principal }, input) {
      const by = { userId: principal.user?.id ?? null, mode: principal.mode }
      const user = await RemoveTwoFactor.byAdmin(await findUser(input.user), by)
      return serializer.serializeWithoutWrapping(AdminUserTransformer.transform(user))
    },
  }),
}
