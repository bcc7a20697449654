import db from '@adonisjs/lucid/services/db'
import type User from '#models/user'
import { AppException } from '#exceptions/app_exception'
import { isUniqueViolation } from '#services/unique_violation'

export interface UpdateAccountInput {
  email?: string
  username?: string
  displayName?: string | null
}

/**
 * Changes an account's email, username or display name (chatctl `user
 * update`), as a server admin: no current password, no session ends. Email
 * and username stay unique case-insensitively (the unique indexes decide
 * under concurrency); a taken one is 422 on that field.
 */
export default class UpdateAccount {
  static async handle(user: User, input: UpdateAccountInput) {
    if (input.email !== undefined) await assertFree(user, 'email', input.email)
    if (input.username !== undefined) await assertFree(user, 'username', input.username)
    user.merge({
      ...(input.email !== undefined ? { email: input.email.toLowerCase() } : {}),
      ...(input.username !== undefined ? { username: input.username } : {}),
      ...(input.displayName !== undefined ? { displayName: input.displayName } : {}),
    })
    try {
      await user.save()
    } catch (error) {
      if (isUniqueViolation(error, 'users_email_lower_unique')) throw taken('email')
      if (isUniqueViolation(error, 'users_username_lower_unique')) throw taken('username')
      throw error
    }
    return user
  }
}

async function assertFree(user: User, field: 'email' | 'username', value: string) {
  const clash = await db
    .from('users')
    .whereRaw(`lower(${field}) = lower(?)`, [value])
    .whereNot('id', user.id)
    .first()
  if (clash) throw taken(field)
}

function taken(field: 'email' | 'username') {
  return new AppException(`This ${field} is already taken`, {
    status: 422,
    code: 'E_VALIDATION_ERROR',
    field,
  })
}
