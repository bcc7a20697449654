import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import User from '#models/user'
import { AppException } from '#exceptions/app_exception'
import { isUniqueViolation } from '#services/unique_violation'
import { committedTransaction } from '#services/committed_transaction'
import { decideSignup } from '#domain/auth/signup_policy'
import { openSession, type SessionClient } from '#domain/auth/sessions'
import SendEmailVerification from '#actions/auth/send_email_verification'

export interface RegisterUserInput {
  email: string
  username: string
  password: string
  displayName?: string
}

/** How an account is created besides its input. */
export interface RegisterOptions {
  isAdmin?: boolean
  /** The address is already proven (test fixtures, an identity provider's verified email). */
  emailVerified?: boolean
  trx?: TransactionClientContract
}

/**
 * Creates an account. Email and username are unique case-insensitively; the
 * unique indexes decide, so two concurrent registrations cannot both win.
 * `handle` is for trusted callers (chatctl, fixtures); the public door is
 * `withToken`, which applies the signup policy first.
 */
export default class RegisterUser {
  static async handle(input: RegisterUserInput, opts: RegisterOptions = {}) {
    await this.assertAvailable(input, opts.trx ?? db)
    try {
      return await User.create(
        {
          email: input.email.toLowerCase(),
          username: input.username,
          password: input.password,
          displayName: input.displayName ?? null,
          isAdmin: opts.isAdmin ?? false,
          emailVerifiedAt: opts.emailVerified ? DateTime.now() : null,
        },
        { client: opts.trx }
      )
    } catch (error) {
      if (isUniqueViolation(error, 'users_email_lower_unique')) throw taken('email')
      if (isUniqueViolation(error, 'users_username_lower_unique')) throw taken('username')
      throw error
    }
  }

  /**
   * Registers through the public door (`POST /auth/register`) under the
   * signup policy (#domain/auth/signup_policy): the server's first account
   * becomes its admin. Then opens the first session and mails a link to
   * verify the address (in the background).
   */
  static async withToken(input: RegisterUserInput, client: SessionClient) {
    const user = await committedTransaction(async (trx) => {
      const { firstAccount } = await decideSignup(input.email, trx)
      return this.handle(input, { isAdmin: firstAccount, trx })
    })
    SendEmailVerification.later(user)
    return { user, token: await openSession(user, client, 'register') }
  }

  private static async assertAvailable(
    input: RegisterUserInput,
    client: typeof db | TransactionClientContract
  ) {
    const clash = await client
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
