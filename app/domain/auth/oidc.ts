import * as client from 'openid-client'
import encryption from '@adonisjs/core/services/encryption'
import env from '#start/env'
import { AppException } from '#exceptions/app_exception'

/*
 * Parley as an OpenID Connect relying party (authorization code flow with
 * PKCE, S256). The state sent to the provider is Parley's own sealed,
 * expiring envelope (APP_KEY) carrying the PKCE verifier and the nonce, so a
 * login needs no server-side storage and works across nodes; the provider's
 * codes are single-use. HTTP issuers are accepted on loopback only.
 */

/** The provider settings from the environment, or null when SSO is off. */
function settings() {
  const issuer = env.get('OIDC_ISSUER')
  const clientId = env.get('OIDC_CLIENT_ID')
  if (!issuer || !clientId) return null
  const base = env.get('APP_URL') ?? `http://localhost:${env.get('PORT')}`
  return {
    issuer,
    clientId,
    clientSecret: env.get('OIDC_CLIENT_SECRET'),
    redirectUri: env.get('OIDC_REDIRECT_URI') ?? `${base.replace(/\/+$/, '')}/auth/oidc/callback`,
  }
}

let discovered: { key: string; config: Promise<client.Configuration> } | undefined

function notConfigured() {
  return new AppException('Single sign-on is not configured on this server', {
    status: 404,
    code: 'E_OIDC_NOT_CONFIGURED',
  })
}

function isLoopback(url: URL) {
  return ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)
}

/** The provider's configuration, discovered once per issuer and client. */
async function configuration() {
  const current = settings()
  if (!current) throw notConfigured()
  const key = `${current.issuer}|${current.clientId}`
  if (discovered?.key !== key) {
    const issuer = new URL(current.issuer)
    const options =
      issuer.protocol === 'http:' && isLoopback(issuer)
        ? { execute: [client.allowInsecureRequests] }
        : undefined
    const config = client.discovery(
      issuer,
      current.clientId,
      current.clientSecret,
      undefined,
      options
    )
    config.catch(() => {
      if (discovered?.key === key) discovered = undefined
    })
    discovered = { key, config }
  }
  return { settings: current, config: await discovered.config }
}

/** The organization SSO users join automatically, and who qualifies (env OIDC_JOIN_*). */
export function automaticMembership(identity: OidcIdentity) {
  const organization = env.get('OIDC_JOIN_ORGANIZATION')
  if (!organization) return null
  const domains = (env.get('OIDC_JOIN_DOMAINS') ?? '')
    .split(',')
    .map((domain) => domain.trim().toLowerCase())
    .filter(Boolean)
  const group = env.get('OIDC_JOIN_GROUP')
  const domain = identity.email?.slice(identity.email.lastIndexOf('@') + 1) ?? ''
  const byDomain = identity.emailVerified && domains.includes(domain)
  const byGroup = Boolean(group) && identity.groups.includes(group!)
  return byDomain || byGroup ? organization : null
}

/** Where to send the person to log in at the provider (`GET /auth/oidc/authorize`). */
export async function authorizationUrl() {
  const { settings: current, config } = await configuration()
  const verifier = client.randomPKCECodeVerifier()
  const nonce = client.randomNonce()
  const state = encryption.encrypt({ verifier, nonce }, '10 minutes', 'oidc-state')
  return client.buildAuthorizationUrl(config, {
    redirect_uri: current.redirectUri,
    scope: 'openid email profile',
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  })
}

/** What a successful login at the provider tells Parley about the person. */
export interface OidcIdentity {
  issuer: string
  subject: string
  email: string | null
  emailVerified: boolean
  preferredUsername: string | null
  name: string | null
  /** The `groups` claim, when the provider sends one. */
  groups: string[]
}

function rejected() {
  return new AppException('The sign-in with the identity provider failed; try again', {
    status: 401,
    code: 'E_OIDC_FAILED',
  })
}

/**
 * Finishes a login: checks the state envelope, exchanges the code with the
 * PKCE verifier and validates the ID token (issuer, audience, nonce,
 * signature: openid-client). Any failure is one 401 E_OIDC_FAILED.
 */
export async function exchangeCode(response: Record<string, string>): Promise<OidcIdentity> {
  const { settings: current, config } = await configuration()
  const sealed = encryption.decrypt<{ verifier: string; nonce: string }>(
    response.state ?? '',
    'oidc-state'
  )
  if (!sealed) throw rejected()
  const callback = new URL(current.redirectUri)
  for (const [name, value] of Object.entries(response)) callback.searchParams.set(name, value)
  try {
    const tokens = await client.authorizationCodeGrant(config, callback, {
      pkceCodeVerifier: sealed.verifier,
      expectedNonce: sealed.nonce,
      expectedState: response.state,
      idTokenExpected: true,
    })
    const claims = tokens.claims()!
    return {
      issuer: String(claims.iss),
      subject: String(claims.sub),
      email: typeof claims.email === 'string' ? claims.email.toLowerCase() : null,
      emailVerified: claims.email_verified === true,
      preferredUsername:
        typeof claims.preferred_username === 'string' ? claims.preferred_username : null,
      name: typeof claims.name === 'string' ? claims.name : null,
      groups: Array.isArray(claims.groups) ? claims.groups.map(String) : [],
    }
  } catch {
    throw rejected()
  }
}
