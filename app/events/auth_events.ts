/** Payload of `auth:token_revoked`: one access token was deleted (logout). */
export interface TokenRevoked {
  userId: string
  tokenId: string
}

/**
 * Account events, emitted after the change is stored. The real-time layer
 * disconnects the sockets that authenticated with a revoked token, so a
 * logout takes effect on live connections at once (DESIGN.md §4).
 */
declare module '@adonisjs/core/types' {
  interface EventsList {
    'auth:token_revoked': TokenRevoked
  }
}
