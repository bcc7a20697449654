import vine from '@vinejs/vine'
import { displayNameRule, emailRule, passwordRule, textRule, usernameRule } from '#validators/rules'

/** POST /auth/register */
export const registerValidator = vine.create({
  email: emailRule(),
  username: usernameRule(),
  password: passwordRule(),
  displayName: displayNameRule().optional(),
})

/** POST /auth/login: by email or by username. */
export const loginValidator = vine.create({
  email: textRule().trim().maxLength(254).optional().requiredIfMissing('username'),
  username: textRule().trim().maxLength(254).optional(),
  password: textRule().maxLength(128),
  code: textRule().trim().maxLength(32).optional(),
})
