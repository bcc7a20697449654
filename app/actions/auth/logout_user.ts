import type User from '#models/user'
import { revokeSessions } from '#domain/auth/session_revocation'

/**
 * Logs out one session (`POST /auth/logout`): the token used is deleted and
 * the sockets and SSE streams opened with it close on every node; the
 * account's other sessions go on.
 */
export default class LogoutUser {
  static async handle(user: User, tokenId: string) {
    await revokeSessions({ kind: 'token', tokenId, type: 'auth_token', userId: user.id })
  }
}
