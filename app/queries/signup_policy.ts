import { readSignupPolicy } from '#domain/auth/signup_policy'

/** The server's signup policy as stored, over the defaults (chatctl `signup show`). */
export default class SignupPolicyQueries {
  static current() {
    return readSignupPolicy()
  }
}
