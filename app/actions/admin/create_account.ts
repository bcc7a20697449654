import RegisterUser from '#actions/auth/register_user'
import { oneTimePassword } from '#actions/admin/one_time_password'

export interface CreateAccountInput {
  email: string
  username: string
  displayName?: string
  password?: string
  admin?: boolean
}

/**
 * Creates an account for someone (chatctl `user create`, `org create`). With
 * no password given, a one-time password is generated and returned once so
 * the admin can hand it over; the person changes it after logging in.
 */
export default class CreateAccount {
  static async handle(input: CreateAccountInput) {
    const password = input.password ?? oneTimePassword()
    const user = await RegisterUser.handle(
      {
        email: input.email,
        username: input.username,
        password,
        displayName: input.displayName,
      },
      { isAdmin: input.admin ?? false }
    )
    return { user, oneTimePassword: input.password ? null : password }
  }
}
