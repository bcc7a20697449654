import UpdateSignupPolicy from '#actions/admin/update_signup_policy'
import type { SignupPolicy } from '#domain/auth/signup_policy'

/** Sets parts of the server's signup policy, as `chatctl signup set` does. */
export function setSignupPolicy(change: Partial<SignupPolicy>) {
  return UpdateSignupPolicy.handle(change)
}

/** Lets anyone register (tests about registration itself, not about who may). */
export function openSignup() {
  return setSignupPolicy({ mode: 'open' })
}
