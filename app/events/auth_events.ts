/**
 * Payload of `auth:sessions_revoked`: live sessions that must end now, on
 * every node. `tokens`: the sockets and SSE streams opened with these
 * (deleted) access tokens close. `organization`: the user's sockets in that
 * organization close and their SSE streams lose its channels; their tokens
 * stay valid elsewhere.
 */
export type SessionsRevoked =
  | { kind: 'tokens'; userId: string; tokenIds: string[] }
  | { kind: 'organization'; userId: string; organizationId: string }

/**
 * Account events, emitted after the change is committed, only by the one
 * revocation function (app/domain/auth/session_revocation.ts). The real-time
 * layer ends the matching sockets and SSE streams on every node, so a
 * revocation takes effect on live connections at once (DESIGN.md §4).
 */
declare module '@adonisjs/core/types' {
  interface EventsList {
    'auth:sessions_revoked': SessionsRevoked
  }
}
