import db from '@adonisjs/lucid/services/db'
import User from '#models/user'
import { AppException } from '#exceptions/app_exception'
import { isUniqueViolation } from '#services/unique_violation'

export interface RegisterUserInput {
  email: string
  username: string
  password: string
  displayName?: string
}

/**
 * Creates an account. Email and username are unique case-insensitively; the
 * unique indexes decide, so two concurrent registrations cannot both win.
 */
export default class RegisterUser {
  static async handle(input: RegisterUserInput, opts: { isAdmin?: boolean } = {}) {
    await this.assertAvailable(input)
    try {
      return await User.create({
        email: input.email.toLowerCase(),
        username: input.username,
        password: input.password,
        displayName: input.displayName ?? null,
        isAdmin: opts.isAdmin ?? false,
      })
    } catch (error) {
      if (isUniqueViolation(error, 'users_email_lower_unique')) throw taken('email')
      if (isUniqueViolation(error, 'users_username_lower_unique')) throw taken('username')
      throw error
    }
  }

  /** Creates an account and its first access token (`POST /auth/register`). */
  static async withToken(input: RegisterUserInput) {
    const user = await this.handle(input)
    const token = await User.accessTokens.create(user, ['*'], { name: 'register' })
    return { user, token: token.value!.release() }
  }

  private static async assertAvailable(input: RegisterUserInput) {
    const clash = await db
      .from('users')
      .whereRaw('lower(email) = lower(?)', [input.email])
      .orWhereRaw('lower(username) = lower(?)', [input.username])
      .select('email')
      .first()
    if (!clash) return
    throw taken(clash.email.toLowerCase() === input.email.toLowerCase() ? 'email' : 'username')
  }
}

function taken(field: 'email' | 'username') {
  return new AppException(`This ${field} is already taken`, {
    status: 422,
    code: 'E_VALIDATION_ERROR',
    field,
  })
}
