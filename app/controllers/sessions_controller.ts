import type { HttpContext } from '@adonisjs/core/http'
import SessionQueries from '#queries/sessions'
import RevokeSession from '#actions/auth/revoke_session'
import SessionTransformer from '#transformers/session_transformer'

/** The caller's sessions (their API tokens): list, end one, end all others. */
export default class SessionsController {
  /** GET /auth/sessions */
  async index({ auth, serialize }: HttpContext) {
    const user = auth.getUserOrFail()
    const sessions = await SessionQueries.listFor(user.id)
    const current = String(user.currentAccessToken.identifier)
    return serialize(SessionTransformer.transform(sessions, current))
  }

  /** DELETE /auth/sessions/:sessionId: its sockets and streams close at once. */
  async destroy({ auth, params, response }: HttpContext) {
    await RevokeSession.handle(auth.getUserOrFail(), params.sessionId)
    return response.noContent()
  }

  /** POST /auth/sessions/revoke-others: every session but this one ends. */
  async revokeOthers({ auth, serialize }: HttpContext) {
    const user = auth.getUserOrFail()
    const revoked = await RevokeSession.others(user, String(user.currentAccessToken.identifier))
    return serialize({ revoked })
  }
}
