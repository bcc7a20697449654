import { bool, data, int, list, nullable, obj, op, str, time, type Paths } from '../builder.js'

/* Sessions, email verification, password reset and two-factor authentication (issue #22). */

const sent = data(obj({ sent: bool() }))
const mailedToken = str({ pattern: '^[A-Za-z0-9_-]{43}$' })

const session = obj({
  id: str({ pattern: '^[0-9]+$' }),
  name: nullable(str()),
  ip: nullable(str()),
  userAgent: nullable(str()),
  current: bool(),
  createdAt: time(),
  lastUsedAt: nullable(time()),
  expiresAt: nullable(time()),
})

const sessions: Paths = {
  '/auth/sessions': {
    get: op('/auth/sessions', {
      operationId: 'listSessions',
      example: {
        data: [
          {
            id: '42',
            name: 'test',
            ip: '203.0.113.7',
            userAgent: 'Parley/1.0',
            current: true,
            createdAt: '2026-12-01T08:00:00.000Z',
            lastUsedAt: '2026-12-04T09:30:00.000Z',
            expiresAt: null,
          },
        ],
      },
      description:
        'Every live access token of the caller, newest first; `current` marks the one making this request.',
      tag: 'auth',
      summary: 'The caller’s sessions (API tokens): device, IP, created, last used',
      ok: { 200: data(list(session)) },
      errors: [429],
    }),
  },
  '/auth/sessions/revoke-others': {
    post: op('/auth/sessions/revoke-others', {
      operationId: 'revokeOtherSessions',
      description:
        'Revokes every other access token of the caller; their sockets and SSE streams close on every node.',
      tag: 'auth',
      summary: 'End every session but this one (their sockets and streams close)',
      ok: { 200: data(obj({ revoked: int({ minimum: 0 }) })) },
      errors: [429],
    }),
  },
  '/auth/sessions/{sessionId}': {
    delete: op('/auth/sessions/{sessionId}', {
      operationId: 'revokeSession',
      description:
        'Revokes one access token of the caller (its id from `GET /auth/sessions`); its sockets and streams close.',
      tag: 'auth',
      summary: 'End one of the caller’s sessions (its sockets and streams close)',
      ok: { 204: null },
      errors: [429],
    }),
  },
}

const mails: Paths = {
  '/auth/email/verification': {
    post: op('/auth/email/verification', {
      operationId: 'resendVerificationEmail',
      description:
        'Sends a new single-use verification link (valid 24 hours) to the caller’s address; 409 when it is already verified.',
      tag: 'auth',
      summary: 'Mail a new verification link to the caller’s address',
      ok: { 202: sent },
      errors: [409, 429],
    }),
  },
  '/auth/email/verify': {
    post: op('/auth/email/verify', {
      operationId: 'verifyEmail',
      description:
        'Marks the address verified with the token of its link; an unknown, used or expired token is 404.',
      requestExample: { token: 'Zk3q9xY2mN8pL4vB7cR1tW6sH0jD5fG3aQ2eU9iO8yT' },
      tag: 'auth',
      summary: 'Verify an address with the token of its link (single use, 24 hours)',
      auth: false,
      body: obj({ token: mailedToken }),
      ok: { 200: data({ $ref: '#/components/schemas/Self' }) },
      errors: [404, 429],
    }),
  },
  '/auth/password/forgot': {
    post: op('/auth/password/forgot', {
      operationId: 'forgotPassword',
      description:
        'Mails a reset link when the address has an account; the answer is the same either way, so it reveals nothing.',
      requestExample: { email: 'ann@example.com' },
      tag: 'auth',
      summary:
        'Mail a password reset link; the same answer whether or not the address has an account',
      auth: false,
      body: obj({ email: str({ format: 'email', maxLength: 254 }) }),
      ok: { 202: sent },
      errors: [429],
    }),
  },
  '/auth/password/reset': {
    post: op('/auth/password/reset', {
      operationId: 'resetPassword',
      description:
        'Sets a new password with the token of a reset link (single use); every session of the account ends.',
      requestExample: {
        token: 'Zk3q9xY2mN8pL4vB7cR1tW6sH0jD5fG3aQ2eU9iO8yT',
        password: 'a new long passphrase',
      },
      tag: 'auth',
      summary: 'Set a new password with the token of a reset link; every session ends',
      auth: false,
      body: obj({ token: mailedToken, password: str({ minLength: 8, maxLength: 128 }) }),
      ok: { 200: data(obj({ sessionsRevoked: int({ minimum: 0 }) })) },
      errors: [404, 429],
    }),
  },
}

const sixDigits = str({ pattern: '^[0-9]{6}$' })

/** Ten single-use recovery codes, as enabling 2FA or rotating them answers. */
const recoveryCodesExample = {
  data: {
    recoveryCodes: [
      'a1b2-c3d4',
      'e5f6-a7b8',
      'c9d0-e1f2',
      'a3b4-c5d6',
      'e7f8-a9b0',
      'c1d2-e3f4',
      'a5b6-c7d8',
      'e9f0-a1b2',
      'c3d4-e5f6',
      'a7b8-c9d0',
    ],
  },
}

const twoFactor: Paths = {
  '/auth/2fa': {
    get: op('/auth/2fa', {
      operationId: 'getTwoFactorStatus',
      description:
        'Whether two-factor authentication is on, since when, and how many recovery codes are left.',
      tag: 'auth',
      summary: 'The caller’s two-factor authentication: on or off, recovery codes left',
      ok: {
        200: data(
          obj({
            enabled: bool(),
            enabledAt: nullable(time()),
            recoveryCodesLeft: int({ minimum: 0 }),
          })
        ),
      },
      errors: [429],
    }),
  },
  '/auth/2fa/setup': {
    post: op('/auth/2fa/setup', {
      operationId: 'setUpTwoFactor',
      example: {
        data: {
          secret: 'JBSWY3DPEHPK3PXP',
          otpauthUrl: 'otpauth://totp/Parley:ann?secret=JBSWY3DPEHPK3PXP&issuer=Parley',
        },
      },
      description:
        'Creates a new TOTP secret for the caller; it takes effect only after `POST /auth/2fa/enable` with a code from it.',
      tag: 'auth',
      summary: 'A new TOTP secret and its otpauth:// URL, shown once (not in force until enabled)',
      ok: { 200: data(obj({ secret: str({ pattern: '^[A-Z2-7]+$' }), otpauthUrl: str() })) },
      errors: [409, 429],
    }),
  },
  '/auth/2fa/enable': {
    post: op('/auth/2fa/enable', {
      operationId: 'enableTwoFactor',
      example: recoveryCodesExample,
      description:
        'Turns 2FA on with a current 6-digit code of the secret from setup; answers 10 single-use recovery codes once.',
      requestExample: { code: '492039' },
      tag: 'auth',
      summary:
        'Turn two-factor authentication on with a current code; answers 10 recovery codes, once',
      body: obj({ code: sixDigits }),
      ok: { 200: data(obj({ recoveryCodes: list(str(), { minItems: 10, maxItems: 10 }) })) },
      errors: [409, 429],
    }),
  },
  '/auth/2fa/disable': {
    post: op('/auth/2fa/disable', {
      operationId: 'disableTwoFactor',
      description: 'Turns 2FA off; needs the password and a current TOTP or recovery code.',
      requestExample: { password: 'correct horse battery', code: '492039' },
      tag: 'auth',
      summary: 'Turn two-factor authentication off with the password and a code (TOTP or recovery)',
      body: obj({ password: str({ maxLength: 128 }), code: str({ maxLength: 32 }) }),
      ok: { 204: null },
      errors: [409, 429],
    }),
  },
  '/auth/2fa/recovery-codes': {
    post: op('/auth/2fa/recovery-codes', {
      operationId: 'rotateRecoveryCodes',
      example: recoveryCodesExample,
      requestExample: { password: 'correct horse battery', code: '492039' },
      tag: 'auth',
      summary:
        'Ten new recovery codes with the password and a current TOTP code; the old ones stop working',
      description:
        'A recovery code is not accepted as the code. 422 E_VALIDATION_ERROR (field `password` or `code`) for a wrong password or a wrong or reused code; 409 E_TWO_FACTOR_DISABLED when two-factor authentication is off. The codes are answered once: only their HMACs are stored.',
      body: obj({ password: str({ maxLength: 128 }), code: sixDigits }),
      ok: { 200: data(obj({ recoveryCodes: list(str(), { minItems: 10, maxItems: 10 }) })) },
      errors: [409, 429],
    }),
  },
}

const sso: Paths = {
  '/auth/oidc/authorize': {
    get: op('/auth/oidc/authorize', {
      operationId: 'getOidcAuthorizeUrl',
      tag: 'auth',
      summary: 'The login URL at the server’s OpenID Connect provider (code flow with PKCE)',
      description: '404 E_OIDC_NOT_CONFIGURED when single sign-on is off.',
      auth: false,
      ok: { 200: data(obj({ url: str() })) },
      errors: [404, 429],
    }),
  },
  '/auth/oidc/callback': {
    get: op('/auth/oidc/callback', {
      operationId: 'getOidcCallbackPage',
      tag: 'web',
      summary: 'The web client, opened by the identity provider’s redirect after a single sign-on',
      description:
        'The default OIDC redirect URI. The page reads `code`, `state` and `iss` (or the provider’s `error` and `error_description`) from its query string and finishes the sign-in with `POST /auth/oidc/callback`. 404 until the web client is built, as for `/`.',
      auth: false,
      ok: { 200: { content: { 'text/html': str() } } },
      errors: [404],
    }),
    post: op('/auth/oidc/callback', {
      operationId: 'finishOidcLogin',
      description:
        'Exchanges the provider’s `code` and `state` for an account and an access token (the account is created on first login).',
      requestExample: { code: 'SplxlOBeZQQYbYS6WxSbIA', state: 'af0ifjsldkj' },
      tag: 'auth',
      summary: 'Finish a single sign-on with the provider’s redirect parameters; get a token',
      auth: false,
      body: obj({ 'code': str(), 'state': str(), 'iss?': str() }),
      ok: { 200: data(obj({ user: { $ref: '#/components/schemas/Self' }, token: str() })) },
      errors: [401, 404, 429],
    }),
  },
}

const html = { content: { 'text/html': str() } }

const pages: Paths = {
  '/verify-email/{token}': {
    get: op('/verify-email/{token}', {
      operationId: 'openVerifyEmailPage',
      description:
        'Serves the web client, which verifies the address with the token from the link.',
      params: { token: 'The token from the verification link' },
      tag: 'web',
      summary: 'The web client, opened on an email verification link',
      auth: false,
      ok: { 200: html },
    }),
  },
  '/reset-password/{token}': {
    get: op('/reset-password/{token}', {
      operationId: 'openResetPasswordPage',
      description:
        'Serves the web client, which asks for the new password and calls `POST /auth/password/reset`.',
      params: { token: 'The token from the reset link' },
      tag: 'web',
      summary: 'The web client, opened on a password reset link',
      auth: false,
      ok: { 200: html },
    }),
  },
}

export const accountSecurityPaths: Paths = {
  ...sessions,
  ...mails,
  ...twoFactor,
  ...sso,
  ...pages,
}
