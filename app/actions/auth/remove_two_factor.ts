import hash from '@adonisjs/core/services/hash'
import logger from '@adonisjs/core/services/logger'
import User from '#models/user'
import { committedTransaction } from '#services/committed_transaction'
import { AppException, ConflictException } from '#exceptions/app_exception'
import { clearTwoFactor, useSecondFactor } from '#domain/auth/two_factor'
import { invalidCode } from '#actions/auth/add_two_factor'
import { recordAudit } from '#domain/audit/audit_log'

/**
 * Turns two-factor authentication off: by its owner (`POST /auth/2fa/disable`)
 * with their password and a code (TOTP or recovery), or by a server admin
 * (chatctl `user reset-2fa`) for someone who lost both, which is logged as
 * an audit line (who, whom, when).
 */
export default class RemoveTwoFactor {
  static async handle(user: User, input: { password: string; code: string }) {
    if (!user.twoFactorEnabledAt) {
      throw new ConflictException('Two-factor authentication is off', 'E_TWO_FACTOR_DISABLED')
    }
    if (!(await hash.verify(user.password, input.password))) {
      throw new AppException('The password is wrong', {
        status: 422,
        code: 'E_VALIDATION_ERROR',
        field: 'password',
      })
    }
    await committedTransaction(async (trx) => {
      if (!(await useSecondFactor(user, input.code, trx))) throw invalidCode()
      await clearTwoFactor(user, trx)
      await recordAudit(
        {
          action: 'auth.two_factor_disabled',
          actorUserId: user.id,
          targetType: 'user',
          targetId: user.id,
        },
        trx
      )
    })
  }

  /** An admin's reset; answers the account as it is now. */
  static async byAdmin(user: User, by: { userId: string | null; mode: 'local' | 'remote' }) {
    const wasOn = Boolean(user.twoFactorEnabledAt)
    await committedTransaction(async (trx) => {
      await clearTwoFactor(user, trx)
      await recordAudit(
        {
          action: 'auth.two_factor_disabled',
          targetType: 'user',
          targetId: user.id,
          details: { by: 'admin', wasOn },
        },
        trx
      )
    })
    logger.info(
      { audit: 'two_factor_reset', userId: user.id, byUserId: by.userId, mode: by.mode, wasOn },
      'two-factor authentication reset by an admin'
    )
    return User.findOrFail(user.id)
  }
}
