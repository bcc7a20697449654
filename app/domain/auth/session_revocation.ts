import db from '@adonisjs/lucid/services/db'
import emitter from '@adonisjs/core/services/emitter'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { SessionsRevoked } from '#events/auth_events'

/** The two kinds of access tokens (User.accessTokens, User.adminTokens). */
export type TokenType = 'auth_token' | 'admin_token'

/** What a revocation ends. */
export type RevocationScope =
  /** One token by id: logout (an API token), chatctl `token revoke` (an admin token). */
  | { kind: 'token'; tokenId: string; type: TokenType; userId?: string }
  /**
   * Every API token of an account but `exceptTokenId`: password change (all
   * but the caller's), admin password reset, deactivation. Admin tokens are
   * separate credentials and stay (`token revoke` ends them).
   */
  | { kind: 'account'; userId: string; exceptTokenId?: string }
  /** Every admin token of an account (chatctl `token revoke --all`). */
  | { kind: 'admin_tokens'; userId: string }
  /** The account's sessions in one organization (removed from it, or it was deleted). */
  | { kind: 'organization'; userId: string; organizationId: string }

/** What was revoked: the owner of the deleted tokens (null when none matched) and their ids. */
export interface RevocationResult {
  userId: string | null
  tokenIds: string[]
}

/**
 * Announces a revocation once it is committed: the real-time layer ends the
 * matching sockets and SSE streams on every node. Inside a transaction it
 * waits for the commit, so a rolled-back change ends nothing.
 */
function announce(revocation: SessionsRevoked, trx?: TransactionClientContract) {
  const emit = () => void emitter.emit('auth:sessions_revoked', revocation)
  if (trx) trx.after('commit', emit)
  else emit()
}

function deleteTokens(scope: RevocationScope, client: TransactionClientContract | typeof db) {
  const query = client.from('auth_access_tokens')
  if (scope.kind === 'token') {
    query.where('id', scope.tokenId).where('type', scope.type)
    if (scope.userId !== undefined) query.where('tokenable_id', scope.userId)
  } else if (scope.kind === 'admin_tokens') {
    query.where('tokenable_id', scope.userId).where('type', 'admin_token')
  } else {
    query.where('tokenable_id', scope.userId).where('type', 'auth_token')
    if (scope.kind === 'account' && scope.exceptTokenId !== undefined) {
      query.whereNot('id', scope.exceptTokenId)
    }
  }
  return query.delete().returning(['id', 'tokenable_id']) as Promise<
    { id: number | string; tokenable_id: string }[]
  >
}

/**
 * The one revocation (DESIGN.md §4): every door that ends sessions — logout,
 * password change, admin password reset, deactivation, token revocation,
 * removal from an organization — calls this. It deletes the tokens (in the
 * caller's transaction when given) and, after commit, emits
 * `auth:sessions_revoked`, which closes the live sockets and SSE streams of
 * those tokens, or of that organization, on every node.
 */
export async function revokeSessions(
  scope: RevocationScope,
  opts: { trx?: TransactionClientContract } = {}
): Promise<RevocationResult> {
  if (scope.kind === 'organization') {
    announce({ ...scope }, opts.trx)
    return { userId: scope.userId, tokenIds: [] }
  }
  const rows = await deleteTokens(scope, opts.trx ?? db)
  if (!rows.length) return { userId: scope.userId ?? null, tokenIds: [] }
  const userId = String(rows[0].tokenable_id)
  const tokenIds = rows.map((row) => String(row.id))
  announce({ kind: 'tokens', userId, tokenIds }, opts.trx)
  return { userId, tokenIds }
}
