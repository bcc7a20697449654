import type { HttpContext } from '@adonisjs/core/http'
import TwoFactorQueries from '#queries/two_factor'
import CreateTwoFactorSecret from '#actions/auth/create_two_factor_secret'
import AddTwoFactor from '#actions/auth/add_two_factor'
import RemoveTwoFactor from '#actions/auth/remove_two_factor'
import RotateRecoveryCodes from '#actions/auth/rotate_recovery_codes'
import {
  disableTwoFactorValidator,
  enableTwoFactorValidator,
  rotateRecoveryCodesValidator,
} from '#validators/accounts'

/** The caller's two-factor authentication (TOTP): status, setup, enable, disable, new recovery codes. */
export default class TwoFactorController {
  /** GET /auth/2fa */
  async show({ auth, serialize }: HttpContext) {
    return serialize(await TwoFactorQueries.statusOf(auth.getUserOrFail()))
  }

  /** POST /auth/2fa/setup: a new secret and its otpauth:// URL, shown once. */
  async setup({ auth, serialize }: HttpContext) {
    return serialize(await CreateTwoFactorSecret.handle(auth.getUserOrFail()))
  }

  /** POST /auth/2fa/enable: a current code turns it on; answers the recovery codes, once. */
  async enable({ auth, request, serialize }: HttpContext) {
    const { code } = await request.validateUsing(enableTwoFactorValidator)
    return serialize(await AddTwoFactor.handle(auth.getUserOrFail(), code))
  }

  /** POST /auth/2fa/disable: password and a code (TOTP or recovery). */
  async disable({ auth, request, response }: HttpContext) {
    const input = await request.validateUsing(disableTwoFactorValidator)
    await RemoveTwoFactor.handle(auth.getUserOrFail(), input)
    return response.noContent()
  }

  /** POST /auth/2fa/recovery-codes: password and a current TOTP code; ten new codes, the old ones void. */
  async rotateRecoveryCodes({ auth, request, serialize }: HttpContext) {
    const input = await request.validateUsing(rotateRecoveryCodesValidator)
    return serialize(await RotateRecoveryCodes.handle(auth.getUserOrFail(), input))
  }
}
