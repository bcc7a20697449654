import vine from '@vinejs/vine'
import { emailRule, passwordRule, textRule } from '#validators/rules'

/*
 * Input of the account doors: the signup policy (admin API and chatctl),
 * email verification, password reset, sessions and two-factor
 * authentication. Tokens mailed to people are 43 base64url characters;
 * TOTP codes 6 digits; recovery codes 10 letters and digits, dashes and
 * spaces ignored. At most 100 allowed signup domains.
 */

/** An email domain: lower-case labels joined by dots (`acme.example`). */
const domainRule = () =>
  textRule()
    .trim()
    .toLowerCase()
    .maxLength(253)
    .regex(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/)

/** A token from an account mail (verification, password reset). */
const mailedTokenRule = () =>
  textRule()
    .trim()
    .regex(/^[A-Za-z0-9_-]{43}$/)

/** signup set: change any part of the signup policy. */
export const signupPolicyValidator = vine.create({
  mode: vine.enum(['open', 'invite_only', 'domains'] as const).optional(),
  allowedDomains: vine.array(domainRule()).maxLength(100).distinct().optional(),
  organizationCreators: vine.enum(['anyone', 'verified', 'admins'] as const).optional(),
})

/** POST /auth/email/verify: the token from the verification mail. */
export const verifyEmailValidator = vine.create({ token: mailedTokenRule() })

/** POST /auth/password/forgot: where to send a reset link (if an account has it). */
export const forgotPasswordValidator = vine.create({ email: emailRule() })

/** POST /auth/password/reset: the token from the reset mail and the new password. */
export const passwordResetValidator = vine.create({
  token: mailedTokenRule(),
  password: passwordRule(),
})

/** A second factor: a 6-digit TOTP code or a recovery code (`xxxxx-xxxxx`). */
const secondFactorRule = () => textRule().trim().minLength(6).maxLength(32)

/** POST /auth/2fa/enable: a current code from the app set up with the new secret. */
export const enableTwoFactorValidator = vine.create({
  code: textRule()
    .trim()
    .regex(/^[0-9]{6}$/),
})

/** POST /auth/2fa/disable: the password and a code (TOTP or recovery). */
export const disableTwoFactorValidator = vine.create({
  password: textRule().maxLength(128),
  code: secondFactorRule(),
})

/** POST /auth/2fa/recovery-codes: the password and a current TOTP code (not a recovery code). */
export const rotateRecoveryCodesValidator = vine.create({
  password: textRule().maxLength(128),
  code: textRule()
    .trim()
    .regex(/^[0-9]{6}$/),
})

/** POST /auth/oidc/callback: the query parameters the provider redirected with. */
export const oidcCallbackValidator = vine.create({
  code: textRule().maxLength(2048),
  state: textRule().maxLength(4096),
  iss: textRule().maxLength(2048).optional(),
})
