import type User from '#models/user'
import { recoveryCodesLeft } from '#domain/auth/two_factor'

/** An account's two-factor state, for its owner (`GET /auth/2fa`). */
export default class TwoFactorQueries {
  static async statusOf(user: User) {
    return {
      enabled: Boolean(user.twoFactorEnabledAt),
      enabledAt: user.twoFactorEnabledAt?.toISO() ?? null,
      recoveryCodesLeft: user.twoFactorEnabledAt ? await recoveryCodesLeft(user.id) : 0,
    }
  }
}
