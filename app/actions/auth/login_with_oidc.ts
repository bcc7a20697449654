import { randomBytes, randomUUID } from 'node:crypto'
import { DateTime } from 'luxon'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import User from '#models/user'
import RegisterUser from '#actions/auth/register_user'
import AddSsoMembership from '#actions/auth/add_sso_membership'
import { committedTransaction } from '#services/committed_transaction'
import { exchangeCode, type OidcIdentity } from '#domain/auth/oidc'
import { openSession, type SessionClient } from '#domain/auth/sessions'
import { AppException } from '#exceptions/app_exception'
import { recordAudit } from '#domain/audit/audit_log'

/**
 * Logs in with the server's OpenID Connect provider (`POST /auth/oidc/callback`).
 * The account is the one linked to the provider's subject; else the one
 * with the provider's **verified** email (then linked, and its address
 * counts as verified); else a new account is provisioned (the server admin
 * chose to trust this provider, so the signup policy does not apply). An
 * unverified email never matches or creates anything. A deactivated account
 * is refused like a wrong password. Then the person may join an
 * organization automatically (OIDC_JOIN_*: AddSsoMembership). Audited like
 * a password login (`auth.login` / `auth.login_failed`, `details.method`
 * `oidc`); a failure names the account only when one was found.
 */
export default class LoginWithOidc {
  static async handle(response: Record<string, string>, client: SessionClient) {
    const attempt: { user?: User } = {}
    try {
      const result = await this.login(response, client, attempt)
      await recordAudit({
        action: 'auth.login',
        actorUserId: result.user.id,
        targetType: 'user',
        targetId: result.user.id,
        details: { method: 'oidc' },
      })
      return result
    } catch (error) {
      await recordAudit({
        action: 'auth.login_failed',
        actorUserId: null,
        targetType: attempt.user ? 'user' : undefined,
        targetId: attempt.user?.id ?? null,
        details: {
          method: 'oidc',
          reason: (error as { code?: string }).code ?? 'E_OIDC_FAILED',
          knownAccount: Boolean(attempt.user),
        },
      })
      throw error
    }
  }

  private static async login(
    response: Record<string, string>,
    client: SessionClient,
    attempt: { user?: User }
  ) {
    const identity = await exchangeCode(response)
    const user = await committedTransaction(async (trx) => {
      const linked = await trx
        .from('user_identities')
        .where({ issuer: identity.issuer, subject: identity.subject })
        .select('user_id')
        .first()
      if (linked) return User.findOrFail(linked.user_id, { client: trx })
      if (!identity.email || !identity.emailVerified) {
        throw new AppException('The identity provider did not vouch for an email address', {
          status: 401,
          code: 'E_OIDC_EMAIL_UNVERIFIED',
        })
      }
      const found =
        (await User.query({ client: trx })
          .whereRaw('lower(email) = ?', [identity.email])
          .forUpdate()
          .first()) ?? (await this.provision(identity, trx))
      if (!found.emailVerifiedAt) {
        found.emailVerifiedAt = DateTime.now()
        await found.useTransaction(trx).save()
      }
      await trx.table('user_identities').insert({
        id: randomUUID(),
        user_id: found.id,
        issuer: identity.issuer,
        subject: identity.subject,
        created_at: new Date(),
      })
      return found
    })
    attempt.user = user
    if (user.deactivatedAt) {
      throw new AppException('Invalid credentials', { status: 401, code: 'E_UNAUTHORIZED' })
    }
    await AddSsoMembership.handle(user, identity)
    return { user, token: await openSession(user, client, 'oidc') }
  }

  /** A new account named after the provider's username or the email's local part. */
  private static provision(identity: OidcIdentity, trx: TransactionClientContract) {
    const base = (identity.preferredUsername ?? identity.email!.split('@')[0])
      .toLowerCase()
      .replace(/[^a-z0-9_.-]/g, '')
      .replace(/^[^a-z0-9]+/, '')
      .slice(0, 24)
    return RegisterUser.handle(
      {
        email: identity.email!,
        username: `${base || 'user'}-${randomBytes(3).toString('hex')}`,
        password: randomBytes(32).toString('base64url'),
        displayName: identity.name?.slice(0, 100) ?? undefined,
      },
      { emailVerified: true, trx }
    )
  }
}
