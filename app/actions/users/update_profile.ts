import hash from '@adonisjs/core/services/hash'
import db from '@adonisjs/lucid/services/db'
import { committedTransaction } from '#services/committed_transaction'
import type User from '#models/user'
import { AppException } from '#exceptions/app_exception'
import { isUniqueViolation } from '#services/unique_violation'
import { revokeSessions } from '#domain/auth/session_revocation'
import { recordAudit } from '#domain/audit/audit_log'

export interface UpdateProfileInput {
  displayName?: string | null
  username?: string
  password?: string
  currentPassword?: string
}

/**
 * Changes a user's own profile. A new username obeys the registration rules
 * (unique case-insensitively; the unique index decides under concurrency).
 * A new password needs the current one and signs out every other session:
 * all API tokens but `keepTokenId` (the one making the request) are revoked
 * in the same transaction, and their sockets and SSE streams close on every
 * node (the one revocation).
 */
export default class UpdateProfile {
  static async handle(user: User, input: UpdateProfileInput, opts: { keepTokenId?: unknown } = {}) {
    if (input.password !== undefined) await this.assertCurrentPassword(user, input.currentPassword)
    if (input.username !== undefined) await this.assertUsernameFree(user, input.username)
    if (input.displayName !== undefined) user.displayName = input.displayName
    if (input.username !== undefined) user.username = input.username
    if (input.password !== undefined) user.password = input.password
    try {
      await committedTransaction(async (trx) => {
        await user.useTransaction(trx).save()
        if (input.password === undefined) return
        const exceptTokenId = opts.keepTokenId === undefined ? undefined : String(opts.keepTokenId)
        await revokeSessions({ kind: 'account', userId: user.id, exceptTokenId }, { trx })
        await recordAudit(
          {
            action: 'auth.password_changed',
            actorUserId: user.id,
            targetType: 'user',
            targetId: user.id,
          },
          trx
        )
      })
    } catch (error) {
      if (isUniqueViolation(error, 'users_username_lower_unique')) throw usernameTaken()
      throw error
    }
    return user
  }

  private static async assertCurrentPassword(user: User, currentPassword = '') {
    if (await hash.verify(user.password, currentPassword)) return
    throw new AppException('The current password is incorrect', {
      status: 422,
      code: 'E_VALIDATION_ERROR',
      field: 'currentPassword',
    })
  }

  private static async assertUsernameFree(user: User, username: string) {
    const clash = await db
      .from('users')
      .whereRaw('lower(username) = lower(?)', [username])
      .whereNot('id', user.id)
      .first()
    if (clash) throw usernameTaken()
  }
}

function usernameTaken() {
  return new AppException('This username is already taken', {
    status: 422,
    code: 'E_VALIDATION_ERROR',
    field: 'username',
  })
}
