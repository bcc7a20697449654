import User from '#models/user'
import { issueAccountToken } from '#domain/auth/account_tokens'
import { queueAccountMail } from '#mails/account_mails'
import { runInBackground } from '#services/background'

/**
 * Asks for a password reset link (`POST /auth/password/forgot`). The request
 * only schedules the work and always gets the same answer: looking the
 * address up, issuing the token and sending the mail happen after the
 * response, so neither the answer nor its timing tells whether an account
 * has this address. Deactivated accounts get no mail.
 */
export default class SendPasswordReset {
  static handle(email: string) {
    runInBackground('password reset mail', () => this.deliver(email))
  }

  private static async deliver(email: string) {
    const user = await User.query().whereRaw('lower(email) = ?', [email.toLowerCase()]).first()
    if (!user || user.deactivatedAt) return
    const token = await issueAccountToken(user, 'reset_password')
    await queueAccountMail({ kind: 'reset_password', to: user.email, token })
  }
}
