import type { HttpContext } from '@adonisjs/core/http'
import SendEmailVerification from '#actions/auth/send_email_verification'
import AcceptEmailVerification from '#actions/auth/accept_email_verification'
import SendPasswordReset from '#actions/auth/send_password_reset'
import AcceptPasswordReset from '#actions/auth/accept_password_reset'
import UserTransformer from '#transformers/user_transformer'
import {
  forgotPasswordValidator,
  passwordResetValidator,
  verifyEmailValidator,
} from '#validators/accounts'

/** The mailed links: email verification and password reset. */
export default class AccountEmailsController {
  /** POST /auth/email/verification: mails a new verification link to the caller. */
  async sendVerification({ auth, response, serialize }: HttpContext) {
    await SendEmailVerification.handle(auth.getUserOrFail())
    response.status(202)
    return serialize({ sent: true })
  }

  /** POST /auth/email/verify: uses the link's token; no session needed. */
  async verify({ request, serialize }: HttpContext) {
    const { token } = await request.validateUsing(verifyEmailValidator)
    const user = await AcceptEmailVerification.handle(token)
    return serialize(UserTransformer.transform(user).useVariant('forSelf'))
  }

  /** POST /auth/password/forgot: one answer whether or not an account has the address. */
  async forgotPassword({ request, response, serialize }: HttpContext) {
    const { email } = await request.validateUsing(forgotPasswordValidator)
    SendPasswordReset.handle(email)
    response.status(202)
    return serialize({ sent: true })
  }

  /** POST /auth/password/reset: sets the password and ends every session of the account. */
  async resetPassword({ request, serialize }: HttpContext) {
    const { token, password } = await request.validateUsing(passwordResetValidator)
    const { sessionsRevoked } = await AcceptPasswordReset.handle(token, password)
    return serialize({ sessionsRevoked })
  }
}
