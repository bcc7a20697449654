import type User from '#models/user'
import { ConflictException } from '#exceptions/app_exception'
import { newTotpSecret, otpauthUrl } from '#domain/auth/totp'
import { sealSecret } from '#domain/auth/two_factor'

/**
 * Starts two-factor setup (`POST /auth/2fa/setup`): a new TOTP secret is
 * stored (encrypted) but not yet in force, and returned once with its
 * otpauth:// URL for an authenticator app. Setup again replaces it. With
 * 2FA already on: 409 E_TWO_FACTOR_ENABLED (turn it off first).
 */
export default class CreateTwoFactorSecret {
  static async handle(user: User) {
    if (user.twoFactorEnabledAt) {
      throw new ConflictException('Two-factor authentication is already on', 'E_TWO_FACTOR_ENABLED')
    }
    const secret = newTotpSecret()
    user.twoFactorSecret = sealSecret(secret)
    user.twoFactorLastStep = null
    await user.save()
    return { secret, otpauthUrl: otpauthUrl(secret, user.email) }
  }
}
