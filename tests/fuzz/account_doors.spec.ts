import { test } from '@japa/runner'
import { randomBytes, randomInt } from 'node:crypto'
import fc from 'fast-check'
import db from '@adonisjs/lucid/services/db'
import limiter from '@adonisjs/limiter/services/main'
import User from '#models/user'
import { base32Decode, hotp, stepAt } from '#domain/auth/totp'
import { issueAccountToken, consumeAccountToken } from '#domain/auth/account_tokens'
import { replaceRecoveryCodes, sealSecret, useRecoveryCode, useTotp } from '#domain/auth/two_factor'
import { backgroundSettled } from '#services/background'
import { resetDatabase } from '#tests/helpers/database'
import { signInAt, startOidcProvider } from '#tests/helpers/oidc_provider'
import { createUserWithToken, TEST_PASSWORD, type UserWithToken } from '#tests/helpers/users'
import { hostileRawBody, hostileString, hostileValue, NASTY_NUMBERS } from './hostile_values.js'
import { counters, describe, responseProblems, send, type RawRequest } from './raw_http.js'
import { Findings, seedFor } from './findings.js'

/*
 * The fuzz suite on the account doors (issue #22): register, login, logout,
 * sessions, two-factor authentication, single sign-on (a real oidc-provider),
 * email verification and password reset. Every field gets hostile values
 * (wrong types, NUL bytes, huge strings and numbers) mixed with near misses
 * that only this door can be fooled by: mailed tokens already used, expired,
 * of the other purpose or one character off; TOTP codes already used;
 * recovery codes used or of another account; OIDC codes already exchanged and
 * states of another login. Bodies are also sent truncated, as raw non-JSON and
 * with NUL bytes. No request of the run carries a valid credential, so the
 * properties are: never a 5xx, every error in DESIGN's shape and as
 * documented in /openapi.json, and not one account row changed afterwards
 * (users, sessions, mailed tokens, recovery codes, identities, mail). Seeded
 * as the other fuzz tests: FUZZ_SEED replays a run, FUZZ_RUNS sets the runs.
 */

const SEED = Number(process.env.FUZZ_SEED ?? randomInt(2 ** 31 - 1))
const RUNS = Number(process.env.FUZZ_RUNS ?? 20) * 2

/** The code an authenticator app shows for `secret`, `offset` steps from now. */
function codeFor(secret: string, offset = 0) {
  return hotp(base32Decode(secret), stepAt(Date.now()) + offset)
}

/** An account with two-factor authentication on, one TOTP step and one recovery code used. */
interface TwoFactorAccount extends UserWithToken {
  usedCodes: string[]
  usedRecoveryCode: string
  unusedRecoveryCode: string
}

async function withTwoFactor(who: UserWithToken): Promise<TwoFactorAccount> {
  const secret = randomBytes(20)
    .toString('hex')
    .toUpperCase()
    .replace(/[^A-Z2-7]/g, 'A')
    .slice(0, 32)
  await db
    .from('users')
    .where('id', who.user.id)
    .update({ two_factor_secret: sealSecret(secret), two_factor_enabled_at: new Date() })
  const codes = await db.transaction((trx) => replaceRecoveryCodes(who.user, trx))
  const usedCodes = [codeFor(secret, -1), codeFor(secret, 0)]
  if (!(await useTotp(who.user.id, secret, usedCodes[1]))) throw new Error('TOTP setup failed')
  await useRecoveryCode(who.user.id, codes[0])
  return { ...who, usedCodes, usedRecoveryCode: codes[0], unusedRecoveryCode: codes[1] }
}

/** A valid-looking mailed token nobody was sent. */
const randomToken = () => randomBytes(32).toString('base64url')

interface AccountScene {
  /** The caller of the doors that need a session: 2FA on, address verified. */
  caller: TwoFactorAccount
  callerSessionId: string
  revokedToken: string
  /** The account the anonymous doors aim at: 2FA on, address not verified, links pending. */
  victim: TwoFactorAccount
  victimSessionId: string
  tokens: {
    verifyUnused: string
    verifyUsed: string
    resetUnused: string
    resetExpired: string
    resetUsed: string
  }
  oidc: { usedParams: Record<string, string>; freshState: string; issuer: string }
}

async function buildScene(oidcIssuer: string): Promise<AccountScene> {
  const caller = await withTwoFactor(await createUserWithToken())
  const victim = await withTwoFactor(await createUserWithToken())
  await User.query().where('id', victim.user.id).update({ email_verified_at: null })
  const revoked = await createUserWithToken()
  const revokedToken = revoked.token
  await db.from('auth_access_tokens').where('tokenable_id', revoked.user.id).delete()
  const sessionOf = async (userId: string) => {
    const row = await db.from('auth_access_tokens').where('tokenable_id', userId).first()
    return String(row.id)
  }

  const verifyUsed = await issueAccountToken(victim.user, 'verify_email')
  await db.transaction((trx) => consumeAccountToken(verifyUsed, 'verify_email', trx))
  await User.query().where('id', victim.user.id).update({ email_verified_at: null })
  const verifyUnused = await issueAccountToken(victim.user, 'verify_email')
  const resetExpired = await issueAccountToken(victim.user, 'reset_password')
  await db
    .from('account_tokens')
    .where('purpose', 'reset_password')
    .update({ expires_at: new Date(Date.now() - 1000) })
  const resetUsed = await issueAccountToken(victim.user, 'reset_password')
  await db.transaction((trx) => consumeAccountToken(resetUsed, 'reset_password', trx))
  const resetUnused = await issueAccountToken(victim.user, 'reset_password')

  // One single sign-on done for an account the provider knows, so its code is spent.
  const authorize = async () => {
    const response = await send({ method: 'GET', path: '/auth/oidc/authorize' })
    return (response!.json as { data: { url: string } }).data.url
  }
  const usedParams = await signInAt(await authorize(), 'sub-sso')
  const first = await send({
    method: 'POST',
    path: '/auth/oidc/callback',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(usedParams),
  })
  if (first?.status !== 200) throw new Error(`the scene's SSO login failed: ${first?.text}`)
  await db
    .from('auth_access_tokens')
    .where('tokenable_id', (first.json as any).data.user.id)
    .delete()
  const freshState = new URL(await authorize()).searchParams.get('state')!

  return {
    caller,
    callerSessionId: await sessionOf(caller.user.id),
    revokedToken,
    victim,
    victimSessionId: await sessionOf(victim.user.id),
    tokens: { verifyUnused, verifyUsed, resetUnused, resetExpired, resetUsed },
    oidc: { usedParams, freshState, issuer: oidcIssuer },
  }
}

/** Every account row the run must leave as it found it. */
async function snapshot() {
  const all = (table: string, order = 'id') => db.from(table).orderBy(order).select('*')
  return JSON.stringify({
    users: await all('users'),
    sessions: await db
      .from('auth_access_tokens')
      .orderBy('id')
      .select('id', 'tokenable_id', 'hash', 'abilities', 'expires_at'),
    accountTokens: await all('account_tokens'),
    recoveryCodes: await all('user_recovery_codes'),
    identities: await all('user_identities'),
    mail: await all('mail_deliveries'),
    memberships: await all('memberships', 'user_id'),
    organizations: await all('organizations'),
  })
}

/** One account door and the values its fields are drawn from. */
interface Door {
  method: 'GET' | 'POST' | 'DELETE'
  /** The documented path; `{sessionId}` is filled from `ids`. */
  path: string
  auth: 'session' | 'none'
  fields?: Record<string, fc.Arbitrary<unknown>>
  ids?: fc.Arbitrary<string>
  /**
   * Error codes (or messages) the run must have met on this door: proof that
   * near misses got past validation to the check that refuses them.
   */
  reaches?: string[]
  /** A body as close to valid as the run allows; each run may swap one field for a drawn one. */
  base?: Record<string, unknown>
  /** Replays every run sends: a credential used before, expired, or of another purpose or account. */
  replays?: Record<string, unknown>[]
  /** Answers 2xx whatever the input (a reset request never says whether the address is known). */
  alwaysAccepts?: boolean
}

/** A field's value: mostly a near miss of this door, else anything hostile; sometimes absent. */
function field(nearMisses: unknown[]): fc.Arbitrary<unknown> {
  return fc.oneof(
    { arbitrary: fc.constantFrom(...nearMisses), weight: 5 },
    { arbitrary: hostileValue, weight: 3 },
    { arbitrary: fc.constant(undefined), weight: 1 }
  )
}

/** Ways a token goes wrong: one character off, padded, with NUL, in another case, spaced. */
function tokenVariants(token: string) {
  const flipped = token.at(-1) === 'A' ? 'B' : 'A'
  return [
    token.slice(0, -1),
    token + 'A',
    token.slice(0, -1) + flipped,
    `${token}\u0000`,
    `\u0000${token}`,
    token.toUpperCase() === token ? token.toLowerCase() : token.toUpperCase(),
    `${token.slice(0, 20)} ${token.slice(20)}`,
    token.repeat(100),
  ]
}

function doors(scene: AccountScene): Door[] {
  const { caller, victim, tokens, oidc } = scene
  const passwords = [
    TEST_PASSWORD,
    `${TEST_PASSWORD}\u0000`,
    TEST_PASSWORD.toUpperCase(),
    'a brand new password',
    'password123',
    'x'.repeat(129),
    'é'.repeat(5000),
  ]
  const usedMailTokens = [
    tokens.verifyUsed,
    tokens.resetExpired,
    tokens.resetUsed,
    randomToken(),
    ...tokenVariants(tokens.verifyUnused),
    ...tokenVariants(tokens.resetUnused),
  ]
  const wrongCodes = (who: TwoFactorAccount, other: TwoFactorAccount) => [
    ...who.usedCodes,
    who.usedRecoveryCode,
    who.usedRecoveryCode.toUpperCase(),
    other.unusedRecoveryCode,
    `${who.usedCodes[1]}\u0000`,
    '000000',
    '0000000',
    ' ',
    ...NASTY_NUMBERS,
  ]
  const emails = [
    'nobody@example.com',
    `${victim.user.email}\u0000`,
    `${'a'.repeat(300)}@example.com`,
    `${victim.user.email}@example.com`,
    'a@b',
    '@example.com',
  ]
  const sessionIds = fc.oneof(
    fc.constantFrom(
      scene.victimSessionId,
      String(Number(scene.callerSessionId) + 1000),
      '0',
      '-1',
      '99999999999999999999',
      '9223372036854775808',
      '1e3',
      '1.5',
      '0x10'
    ),
    // Node answers request heads over 16 KB itself (a bodiless 431): the fuzz
    // suite keeps encoded segments to 2,000 characters (openapi_requests.ts).
    hostileString.map((value) =>
      (encodeURIComponent(value.toWellFormed()) || '%20').slice(0, 2000).replace(/%[0-9A-F]?$/, '')
    )
  )
  return [
    {
      method: 'POST',
      path: '/auth/register',
      auth: 'none',
      reaches: ['E_SIGNUP_CLOSED'],
      base: { email: 'newcomer@example.com', username: 'newcomer', password: 'a new passphrase' },
      fields: {
        email: field(['nobody@example.com', victim.user.email, ...emails]),
        username: field(['newcomer', victim.user.username, 'a', 'x'.repeat(1000), 'ad\u0000min']),
        password: field(passwords),
        displayName: field(['New', 'x'.repeat(10_000), '\u0000']),
      },
    },
    {
      method: 'POST',
      path: '/auth/login',
      auth: 'none',
      reaches: ['E_TWO_FACTOR_REQUIRED', 'E_TWO_FACTOR_INVALID', 'E_UNAUTHORIZED'],
      base: { email: victim.user.email, password: TEST_PASSWORD, code: victim.usedCodes[1] },
      replays: [
        ...[...victim.usedCodes, victim.usedRecoveryCode, caller.unusedRecoveryCode].map(
          (code) => ({ username: victim.user.username, password: TEST_PASSWORD, code })
        ),
        { username: victim.user.username, password: 'not the password' },
      ],
      fields: {
        // Never the caller: the victim's unused recovery code is among the caller's wrong codes.
        email: field([victim.user.email, ...emails]),
        username: field([victim.user.username, `${victim.user.username}\u0000`]),
        password: field(passwords),
        code: field(wrongCodes(victim, caller)),
      },
    },
    { method: 'POST', path: '/auth/logout', auth: 'none' },
    { method: 'GET', path: '/auth/sessions', auth: 'session' },
    { method: 'POST', path: '/auth/sessions/revoke-others', auth: 'session' },
    { method: 'DELETE', path: '/auth/sessions/{sessionId}', auth: 'session', ids: sessionIds },
    { method: 'GET', path: '/auth/2fa', auth: 'session' },
    { method: 'POST', path: '/auth/2fa/setup', auth: 'session' },
    {
      method: 'POST',
      path: '/auth/2fa/enable',
      auth: 'session',
      reaches: ['E_TWO_FACTOR_ENABLED'],
      base: { code: caller.usedCodes[1] },
      fields: { code: field(wrongCodes(caller, victim)) },
    },
    ...['/auth/2fa/disable', '/auth/2fa/recovery-codes'].map((path): Door => ({
      method: 'POST',
      path,
      auth: 'session',
      reaches: ['The password is wrong', 'The code is wrong or was already used'],
      base: { password: TEST_PASSWORD, code: caller.usedCodes[1] },
      replays: [
        ...[...caller.usedCodes, caller.usedRecoveryCode, victim.unusedRecoveryCode].map(
          (code) => ({ password: TEST_PASSWORD, code })
        ),
        { password: 'not the password', code: caller.usedCodes[1] },
      ],
      fields: { password: field(passwords), code: field(wrongCodes(caller, victim)) },
    })),
    { method: 'GET', path: '/auth/oidc/authorize', auth: 'none' },
    {
      method: 'POST',
      path: '/auth/oidc/callback',
      auth: 'none',
      reaches: ['E_OIDC_FAILED'],
      base: oidc.usedParams,
      replays: [{ ...oidc.usedParams, state: oidc.freshState }],
      fields: {
        code: field([oidc.usedParams.code, `${oidc.usedParams.code}\u0000`, 'x'.repeat(2049)]),
        state: field([
          oidc.usedParams.state,
          oidc.freshState,
          ...tokenVariants(oidc.freshState).slice(0, 5),
        ]),
        iss: field([oidc.issuer, 'http://127.0.0.1:1', `${oidc.issuer}\u0000`]),
      },
    },
    { method: 'POST', path: '/auth/email/verification', auth: 'session' },
    {
      method: 'POST',
      path: '/auth/email/verify',
      auth: 'none',
      reaches: ['E_TOKEN_INVALID'],
      replays: [tokens.verifyUsed, tokens.resetUnused, tokens.resetUsed].map((token) => ({
        token,
      })),
      fields: { token: field([...usedMailTokens, tokens.resetUnused]) },
    },
    {
      method: 'POST',
      path: '/auth/password/forgot',
      auth: 'none',
      alwaysAccepts: true,
      fields: { email: field(emails) },
    },
    {
      method: 'POST',
      path: '/auth/password/reset',
      auth: 'none',
      reaches: ['E_TOKEN_INVALID'],
      base: { token: tokens.verifyUnused, password: 'a brand new password' },
      replays: [tokens.resetUsed, tokens.resetExpired, tokens.verifyUsed].map((token) => ({
        token,
        password: 'a brand new password',
      })),
      fields: {
        token: field([...usedMailTokens, tokens.verifyUnused]),
        password: field(['a brand new password', ...passwords]),
      },
    },
  ]
}

/** The Authorization header: mostly the caller's session on doors that need one. */
function authArb(door: Door, scene: AccountScene) {
  const hostile = fc.constantFrom(
    undefined,
    `Bearer ${scene.revokedToken}`,
    `Bearer ${scene.revokedToken},${scene.caller.token}`,
    `Bearer ${scene.caller.token.slice(0, -1)}`,
    'Bearer ',
    `Basic ${Buffer.from('a:b').toString('base64')}`,
    `Bearer ${'x'.repeat(5000)}`
  )
  if (door.auth === 'none') return hostile
  return fc.oneof(
    { arbitrary: fc.constant(`Bearer ${scene.caller.token}`), weight: 4 },
    { arbitrary: hostile, weight: 1 }
  )
}

/** A body: the fields as JSON, the same JSON cut short, or a raw hostile body. */
function bodyArb(door: Door) {
  const fields = door.fields ?? {}
  const names = Object.keys(fields)
  const drawn = fc.record(fields, { requiredKeys: [] })
  const nearValid = door.base
    ? fc
        .tuple(fc.constantFrom(...names), drawn)
        .map(([name, values]) => ({ ...door.base, [name]: values[name] }))
    : drawn
  const json = fc
    .oneof({ arbitrary: nearValid, weight: 3 }, { arbitrary: drawn, weight: 2 })
    .map((value) => JSON.stringify(value))
  return fc.oneof(
    { arbitrary: json.map((body) => ({ type: 'application/json', body })), weight: 6 },
    {
      arbitrary: fc.tuple(json, fc.nat()).map(([body, cut]) => ({
        type: 'application/json',
        body: body.slice(0, cut % body.length),
      })),
      weight: 1,
    },
    { arbitrary: hostileRawBody, weight: 1 },
    { arbitrary: fc.constant(undefined), weight: door.fields ? 0 : 2 }
  )
}

type FuzzRequest = RawRequest & { operation: string }

function toRequest(
  door: Door,
  auth: string | undefined,
  body: { type: string; body: string } | undefined,
  id = ''
): FuzzRequest {
  const headers: Record<string, string> = {}
  if (auth) headers.authorization = auth
  if (body) headers['content-type'] = body.type
  return {
    method: door.method,
    path: door.path.replace('{sessionId}', id),
    operation: door.path,
    headers,
    body: body?.body,
  }
}

function requestArb(door: Door, scene: AccountScene): fc.Arbitrary<FuzzRequest> {
  return fc
    .record({
      auth: authArb(door, scene),
      body: door.method === 'GET' ? fc.constant(undefined) : bodyArb(door),
      id: door.ids ?? fc.constant(''),
    })
    .map(({ auth, body, id }) => toRequest(door, auth, body, id))
}

/**
 * Requests every run sends first: the base body, the base without each one
 * of its fields, and the door's replays, with the caller's session where
 * the door needs one.
 */
function examplesOf(door: Door, scene: AccountScene): [FuzzRequest][] {
  const auth = door.auth === 'session' ? `Bearer ${scene.caller.token}` : undefined
  const base = door.base ?? {}
  const bodies = [
    ...(door.base ? [base] : []),
    ...Object.keys(base).map((name) => {
      const rest = { ...base }
      delete rest[name]
      return rest
    }),
    ...(door.replays ?? []),
  ]
  return bodies.map((body) => [
    toRequest(door, auth, { type: 'application/json', body: JSON.stringify(body) }),
  ])
}

test.group('Fuzz: hostile input on the account doors', (group) => {
  let scene: AccountScene
  let before: string
  let closeProvider: () => Promise<void>
  const uncaught: unknown[] = []

  group.setup(async () => {
    const onUncaught = (error: unknown) => uncaught.push(error)
    process.on('uncaughtException', onUncaught)
    process.on('unhandledRejection', onUncaught)
    await resetDatabase()
    await limiter.clear()
    const provider = await startOidcProvider({
      'sub-sso': { email: 'sso@corp.test', email_verified: true, preferred_username: 'sso' },
    })
    closeProvider = () => provider.close()
    scene = await buildScene(provider.issuer)
    before = await snapshot()
    console.log(`account fuzz seed: ${SEED} (replay: FUZZ_SEED=${SEED}), ${RUNS} runs per door`)
    return async () => {
      process.off('uncaughtException', onUncaught)
      process.off('unhandledRejection', onUncaught)
      await closeProvider()
      await limiter.clear()
    }
  })

  test('every account door refuses hostile and replayed input in the documented shape', async ({
    assert,
  }) => {
    const findings = new Findings()
    for (const door of doors(scene)) {
      const name = `${door.method} ${door.path}`
      const met = new Set<string>()
      const property = fc.asyncProperty(requestArb(door, scene), async (request) => {
        // The throttles have their own tests; here they would answer most requests with 429.
        await limiter.clear()
        const response = await send(request).catch((error: Error) => error)
        const role = request.headers?.authorization ? 'member' : 'anonymous'
        if (response instanceof Error) {
          findings.add(name, role, [`no answer (${response.message})`], describe(request))
        } else if (response) {
          for (const error of (response.json as { errors?: any[] })?.errors ?? []) {
            met.add(String(error?.code)).add(String(error?.message))
          }
          findings.add(name, role, responseProblems(request, response), describe(request))
          if (
            response.status >= 200 &&
            response.status < 300 &&
            door.fields &&
            !door.alwaysAccepts
          ) {
            findings.add(name, role, [`accepted ${response.status}`], describe(request))
          }
        }
      })
      const examples = examplesOf(door, scene)
      await fc.assert(property, {
        seed: seedFor(SEED, `account ${name}`),
        numRuns: RUNS + examples.length,
        examples,
      })
      const missed = (door.reaches ?? []).filter((wanted) => !met.has(wanted))
      if (missed.length) {
        findings.add(name, 'member', [`never reached ${missed.join(', ')}`], `${RUNS} runs`)
      }
    }
    await backgroundSettled()
    findings.assertNone(assert, SEED)
  }).timeout(300_000)

  test('afterwards nothing crashed and not one account row changed', async ({ assert }) => {
    console.log(`account fuzz sent ${counters.http} HTTP requests (seed ${SEED})`)
    const problems = uncaught.map((error) => `nobody handled: ${String(error).slice(0, 300)}`)
    const [then, now] = [JSON.parse(before), JSON.parse(await snapshot())]
    for (const table of Object.keys(then)) {
      if (JSON.stringify(then[table]) !== JSON.stringify(now[table])) {
        problems.push(`${table} changed: ${JSON.stringify(now[table]).slice(0, 2000)}`)
      }
    }
    const health = await send({ method: 'GET', path: '/health' })
    if (health?.status !== 200) problems.push(`/health answered ${health?.status}`)
    assert.deepEqual(problems, [], `seed ${SEED}`)
  })
})
