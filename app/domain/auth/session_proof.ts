import type { SessionProof } from '#types/actor'

/**
 * The check that lets a statement stand in for a request's session read
 * (app/services/request_sessions.ts): one row when, in the statement's own
 * snapshot, the API token still exists (a revocation deletes it) and has not
 * expired, its account is active, the account is a member of the
 * organization (and, when the request named none, that is still its active
 * one), and the organization does not require two-factor authentication
 * of an account without it, the same conditions under which the fresh read
 * (the auth and org-scope middleware) lets the request in. The token's
 * secret was checked against its hash on this node; a token row never
 * changes its hash, so its id stands for it here. For a CTE:
 * `WITH proof AS (${sql}), ...` and `EXISTS (SELECT 1 FROM proof)`.
 */
export function sessionProofSql(proof: SessionProof) {
  return {
    sql: `SELECT 1 FROM auth_access_tokens t
      JOIN users u ON u.id = t.tokenable_id
      JOIN memberships m ON m.user_id = u.id AND m.organization_id = ?::uuid
      JOIN organizations o ON o.id = m.organization_id
      WHERE t.id = ?::bigint AND t.tokenable_id = ?::uuid AND t.type = 'auth_token'
        AND (t.expires_at IS NULL OR t.expires_at > now()) AND u.deactivated_at IS NULL
        AND (u.bot_organization_id IS NULL OR u.bot_organization_id = m.organization_id)
        AND (u.two_factor_enabled_at IS NOT NULL
          OR NOT coalesce((o.settings->>'requireTwoFactor')::boolean, false))
        AND (NOT ?::boolean OR u.active_organization_id = m.organization_id)`,
    bindings: [proof.organizationId, proof.tokenId, proof.userId, proof.activeOrganization],
  }
}
