import type User from '#models/user'
import { issueAccountToken } from '#domain/auth/account_tokens'
import { queueAccountMail } from '#mails/account_mails'
import { runInBackground } from '#services/background'
import { ConflictException } from '#exceptions/app_exception'

/**
 * Mails a verification link to the account's address: after registration,
 * and again on request (`POST /auth/email/verification`). Sent in the
 * background, so the answer never waits for SMTP. An address already
 * verified is 409 E_EMAIL_ALREADY_VERIFIED.
 */
export default class SendEmailVerification {
  static async handle(user: User) {
    if (user.emailVerifiedAt) {
      throw new ConflictException(
        'This email address is already verified',
        'E_EMAIL_ALREADY_VERIFIED'
      )
    }
    this.later(user)
  }

  /** Issues the token and sends the mail after the response. */
  static later(user: User) {
    runInBackground('verification mail', async () => {
      const token = await issueAccountToken(user, 'verify_email')
      await queueAccountMail({ kind: 'verify_email', to: user.email, token })
    })
  }
}
