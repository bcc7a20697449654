import { DateTime } from 'luxon'
import User from '#models/user'
import { committedTransaction } from '#services/committed_transaction'
import { consumeAccountToken } from '#domain/auth/account_tokens'
import { AppException } from '#exceptions/app_exception'

/**
 * Uses a verification link (`POST /auth/email/verify`): the account's
 * address is verified if it is still the one the link was sent to. The token
 * works once; needs no session, since the link may open on another device.
 */
export default class AcceptEmailVerification {
  static async handle(token: string) {
    return committedTransaction(async (trx) => {
      const { userId, email } = await consumeAccountToken(token, 'verify_email', trx)
      const user = await User.query({ client: trx }).where('id', userId).forUpdate().firstOrFail()
      if (user.email.toLowerCase() !== email.toLowerCase()) {
        throw new AppException('This link is invalid or has expired', {
          status: 404,
          code: 'E_TOKEN_INVALID',
        })
      }
      if (!user.emailVerifiedAt) {
        user.emailVerifiedAt = DateTime.now()
        await user.useTransaction(trx).save()
      }
      return user
    })
  }
}
