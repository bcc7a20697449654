import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type User from '#models/user'
import { AppException } from '#exceptions/app_exception'

/** Who may register: anyone, only invited addresses, or addresses of listed domains (and invited ones). */
export const SIGNUP_MODES = ['open', 'invite_only', 'domains'] as const
export type SignupMode = (typeof SIGNUP_MODES)[number]

/** Who may create organizations (server admins always may). */
export const ORG_CREATORS = ['anyone', 'verified', 'admins'] as const
export type OrgCreators = (typeof ORG_CREATORS)[number]

/** The server's signup policy (`chatctl signup show|set`, `/admin/signup-policy`). */
export interface SignupPolicy {
  mode: SignupMode
  /** Email domains that may register in `domains` mode (lower case, no `@`). */
  allowedDomains: string[]
  organizationCreators: OrgCreators
}

/**
 * Safe for a server on the internet: nobody registers uninvited (except the
 * very first account, which becomes the server admin, so `npm start` still
 * lets its owner in), and only accounts that proved their email address
 * create organizations.
 */
export const DEFAULT_SIGNUP_POLICY: SignupPolicy = {
  mode: 'invite_only',
  allowedDomains: [],
  organizationCreators: 'verified',
}

const KEY = 'signup_policy'

/** Any client to read with: the database or an open transaction. */
type Client = TransactionClientContract | typeof db

/** The current policy: the stored one over the defaults. */
export async function readSignupPolicy(client: Client = db): Promise<SignupPolicy> {
  const row = await client.from('server_settings').where('key', KEY).select('value').first()
  return { ...DEFAULT_SIGNUP_POLICY, ...(row?.value ?? {}) }
}

/** Stores the whole policy (the caller merged the change into the current one). */
export async function writeSignupPolicy(policy: SignupPolicy, client: Client = db) {
  await client
    .table('server_settings')
    .insert({ key: KEY, value: JSON.stringify(policy), updated_at: new Date() })
    .onConflict('key')
    .merge()
  return policy
}

/** Serializes first-account decisions: two registrations on an empty server cannot both be first. */
const FIRST_ACCOUNT_LOCK = 7_022_001

/** What a registration may do under the policy. */
export interface SignupDecision {
  /** The first account of the server: it becomes a server admin. */
  firstAccount: boolean
}

/**
 * Decides whether `email` may register now, inside the registration's
 * transaction. The first account of a server always may (and becomes its
 * admin); then `open` lets anyone in, `domains` the listed domains, and in
 * every mode an address with a pending invite may register (the invite link
 * is how invite-only servers grow). Refused: 403 E_SIGNUP_CLOSED.
 */
export async function decideSignup(
  email: string,
  trx: TransactionClientContract
): Promise<SignupDecision> {
  await trx.rawQuery('SELECT pg_advisory_xact_lock(?)', [FIRST_ACCOUNT_LOCK])
  const anyone = await trx.from('users').select('id').limit(1).first()
  if (!anyone) return { firstAccount: true }
  const policy = await readSignupPolicy(trx)
  if (policy.mode === 'open') return { firstAccount: false }
  const domain = email.slice(email.lastIndexOf('@') + 1).toLowerCase()
  if (policy.mode === 'domains' && policy.allowedDomains.includes(domain)) {
    return { firstAccount: false }
  }
  const invite = await trx
    .from('invites')
    .whereRaw('lower(email) = ?', [email.toLowerCase()])
    .whereNull('accepted_at')
    .whereNull('revoked_at')
    .where('expires_at', '>', new Date())
    .select('id')
    .first()
  if (invite) return { firstAccount: false }
  throw new AppException(
    policy.mode === 'domains'
      ? 'Registration is open to invited addresses and allowed email domains only'
      : 'Registration is by invitation only',
    { status: 403, code: 'E_SIGNUP_CLOSED' }
  )
}

/**
 * Whether `user` may create an organization under the policy; 403
 * E_ORGANIZATION_CREATION_RESTRICTED when not. Server admins always may.
 */
export async function assertMayCreateOrganization(user: User, client: Client = db) {
  if (user.isAdmin) return
  const { organizationCreators } = await readSignupPolicy(client)
  if (organizationCreators === 'anyone') return
  if (organizationCreators === 'verified' && user.emailVerifiedAt) return
  throw new AppException(
    organizationCreators === 'verified'
      ? 'Verify your email address before creating an organization'
      : 'Only server admins may create organizations',
    { status: 403, code: 'E_ORGANIZATION_CREATION_RESTRICTED' }
  )
}
