import hash from '@adonisjs/core/services/hash'
import logger from '@adonisjs/core/services/logger'
import User from '#models/user'
import { committedTransaction } from '#services/committed_transaction'
import { AppException, ConflictException } from '#exceptions/app_exception'
import { openSecret, replaceRecoveryCodes, useTotp } from '#domain/auth/two_factor'
import { invalidCode } from '#actions/auth/add_two_factor'

/**
 * Replaces the account's recovery codes (`POST /auth/2fa/recovery-codes`):
 * for someone who used or lost some of them. It asks for the password and a
 * current TOTP code (not a recovery code: whoever holds only the old list
 * must not be able to mint a new one). The old codes stop working in the
 * same transaction; the new ten are answered once (only HMACs are stored).
 */
export default class RotateRecoveryCodes {
  static async handle(user: User, input: { password: string; code: string }) {
    if (!(await hash.verify(user.password, input.password))) {
      throw new AppException('The password is wrong', {
        status: 422,
        code: 'E_VALIDATION_ERROR',
        field: 'password',
      })
    }
    const codes = await committedTransaction(async (trx) => {
      const locked = await User.query({ client: trx })
        .where('id', user.id)
        .forUpdate()
        .firstOrFail()
      const secret = openSecret(locked.twoFactorSecret)
      if (!locked.twoFactorEnabledAt || !secret) {
        throw new ConflictException('Two-factor authentication is off', 'E_TWO_FACTOR_DISABLED')
      }
      if (!(await useTotp(locked.id, secret, input.code, trx))) throw invalidCode()
      return replaceRecoveryCodes(locked, trx)
    })
    logger.info({ audit: 'recovery_codes_rotated', userId: user.id }, 'recovery codes replaced')
    return { recoveryCodes: codes }
  }
}
