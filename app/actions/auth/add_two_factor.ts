import { DateTime } from 'luxon'
import User from '#models/user'
import { committedTransaction } from '#services/committed_transaction'
import { AppException, ConflictException } from '#exceptions/app_exception'
import { openSecret, replaceRecoveryCodes, useTotp } from '#domain/auth/two_factor'
import { recordAudit } from '#domain/audit/audit_log'

/**
 * Turns two-factor authentication on (`POST /auth/2fa/enable`) once the
 * person proves their app has the secret from setup: a current code. Answers
 * ten recovery codes, shown once (only their HMACs are stored).
 */
export default class AddTwoFactor {
  static async handle(user: User, code: string) {
    return committedTransaction(async (trx) => {
      const locked = await User.query({ client: trx })
        .where('id', user.id)
        .forUpdate()
        .firstOrFail()
      if (locked.twoFactorEnabledAt) {
        throw new ConflictException(
          'Two-factor authentication is already on',
          'E_TWO_FACTOR_ENABLED'
        )
      }
      const secret = openSecret(locked.twoFactorSecret)
      if (!secret) {
        throw new ConflictException('Start the setup first', 'E_TWO_FACTOR_NOT_SET_UP')
      }
      if (!(await useTotp(locked.id, secret, code, trx))) throw invalidCode()
      await trx.from('users').where('id', locked.id).update({ two_factor_enabled_at: new Date() })
      user.twoFactorEnabledAt = DateTime.now()
      await recordAudit(
        {
          action: 'auth.two_factor_enabled',
          actorUserId: user.id,
          targetType: 'user',
          targetId: user.id,
        },
        trx
      )
      return { recoveryCodes: await replaceRecoveryCodes(locked, trx) }
    })
  }
}

/** A wrong or reused code, on every two-factor door. */
export function invalidCode() {
  return new AppException('The code is wrong or was already used', {
    status: 422,
    code: 'E_VALIDATION_ERROR',
    field: 'code',
  })
}
