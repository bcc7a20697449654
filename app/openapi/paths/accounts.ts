import { ROLES } from '#models/membership'
import { bool, data, int, list, nullable, obj, op, page, ref, str, type Paths } from '../builder.js'

/* Operations of the system, web client, auth, users and organizations routes. */

const role = str({ enum: [...ROLES] })
const paging = { page: int({ minimum: 1 }), perPage: int({ minimum: 1, maximum: 100 }) }
const authResult = data(obj({ user: ref('Self'), token: str() }))
const image = { content: { 'image/webp': str({ contentMediaType: 'image/webp' }) } }

const system: Paths = {
  '/health': {
    get: op('/health', {
      tag: 'system',
      summary: 'Health of the database, Redis (when configured), disk, memory and plugins',
      auth: false,
      ok: { 200: data(ref('HealthReport')), 503: data(ref('HealthReport')) },
    }),
  },
  '/openapi.json': {
    get: op('/openapi.json', {
      tag: 'system',
      summary: 'This document',
      auth: false,
      ok: { 200: { type: 'object' } },
    }),
  },
  '/docs': {
    get: op('/docs', {
      tag: 'system',
      summary: 'The API reference rendered from this document',
      auth: false,
      ok: { 200: { content: { 'text/html': str() } } },
    }),
  },
}

const html = { content: { 'text/html': str() } }

const web: Paths = {
  '/': {
    get: op('/', {
      tag: 'web',
      summary: 'The web client (404 until it is built)',
      auth: false,
      ok: { 200: html },
      errors: [404],
    }),
  },
  '/invites/{token}': {
    get: op('/invites/{token}', {
      tag: 'web',
      summary: 'The web client, opened on an invite link',
      auth: false,
      ok: { 200: html },
    }),
  },
  '/assets/{path}': {
    get: op('/assets/{path}', {
      tag: 'web',
      summary: 'The web client’s built scripts, styles and images',
      auth: false,
      ok: { 200: { content: { 'application/javascript': str(), 'text/css': str() } } },
    }),
  },
}

const auth: Paths = {
  '/auth/register': {
    post: op('/auth/register', {
      tag: 'auth',
      summary: 'Create an account and get a token',
      auth: false,
      body: obj({
        'email': str({ format: 'email', maxLength: 254 }),
        'username': str({ minLength: 3, maxLength: 32 }),
        'password': str({ minLength: 8, maxLength: 128 }),
        'displayName?': str({ maxLength: 100 }),
      }),
      ok: { 201: authResult },
      errors: [429],
    }),
  },
  '/auth/login': {
    post: op('/auth/login', {
      tag: 'auth',
      summary: 'Log in with email or username; one 401 for any wrong part',
      auth: false,
      body: obj({ 'email?': str(), 'username?': str(), 'password': str({ maxLength: 128 }) }),
      ok: { 200: authResult },
      errors: [401, 429],
    }),
  },
  '/auth/logout': {
    post: op('/auth/logout', {
      tag: 'auth',
      summary: 'Revoke the current token (live sockets and streams close)',
      ok: { 204: null },
    }),
  },
}

const users: Paths = {
  '/users': {
    get: op('/users', {
      tag: 'users',
      summary: 'Users sharing an organization with the caller',
      query: { search: str({ maxLength: 100 }), ...paging },
      ok: { 200: page(ref('User')) },
    }),
  },
  '/users/me': {
    get: op('/users/me', { tag: 'users', summary: 'The caller', ok: { 200: data(ref('Self')) } }),
    put: op('/users/me', {
      tag: 'users',
      summary: 'Update the caller’s profile or password',
      body: obj({
        'displayName?': nullable(str({ maxLength: 100 })),
        'username?': str({ minLength: 3, maxLength: 32 }),
        'password?': str({ minLength: 8, maxLength: 128 }),
        'currentPassword?': str(),
      }),
      ok: { 200: data(ref('Self')) },
      errors: [409],
    }),
  },
  '/users/me/avatar': {
    put: op('/users/me/avatar', {
      tag: 'media',
      summary: 'Upload an avatar (an image up to 5 MB, stored as a 512×512 WebP)',
      upload: true,
      ok: { 200: data(ref('Self')) },
      errors: [400, 413, 415, 429],
    }),
  },
  '/users/username/{username}': {
    get: op('/users/username/{username}', {
      tag: 'users',
      summary: 'A user by username',
      ok: { 200: data(ref('User')) },
    }),
  },
  '/users/{id}': {
    get: op('/users/{id}', { tag: 'users', summary: 'A user', ok: { 200: data(ref('User')) } }),
  },
  '/users/{id}/avatar': {
    get: op('/users/{id}/avatar', { tag: 'media', summary: 'A user’s avatar', ok: { 200: image } }),
  },
}

const orgSettings = obj({
  'maxMembers?': nullable(int({ minimum: 1, maximum: 100000 })),
  'allowChannelMentions?': bool(),
  'description?': nullable(str({ maxLength: 1000 })),
})
const org = (path: string) => `/organizations${path}`

const orgs: Paths = {
  [org('')]: {
    get: op(org(''), {
      tag: 'organizations',
      summary: 'My organizations, with my role',
      ok: { 200: data(list(ref('Organization'))) },
    }),
    post: op(org(''), {
      tag: 'organizations',
      summary: 'Create an organization (the caller is its owner)',
      description: 'Limited per user (ORG_CREATE_RATE_PER_HOUR): 429 with Retry-After above it.',
      body: obj({ 'name': str({ maxLength: 100 }), 'slug?': str({ maxLength: 64 }) }),
      ok: { 201: data(ref('Organization')) },
      errors: [409, 429],
    }),
  },
  [org('/active')]: {
    get: op(org('/active'), {
      tag: 'organizations',
      summary: 'The active organization (null when none)',
      ok: { 200: data(nullable(ref('Organization'))) },
    }),
  },
  [org('/accept-invite/{token}')]: {
    post: op(org('/accept-invite/{token}'), {
      tag: 'organizations',
      summary: 'Accept an invite sent to the caller’s email',
      description: 'Limited per user (INVITE_ACCEPT_RATE_PER_HOUR): 429 with Retry-After above it.',
      ok: { 200: data(ref('Organization')) },
      errors: [409, 429],
    }),
  },
  [org('/{orgId}')]: {
    get: op(org('/{orgId}'), {
      tag: 'organizations',
      summary: 'An organization',
      ok: { 200: data(ref('Organization')) },
    }),
    put: op(org('/{orgId}'), {
      tag: 'organizations',
      summary: 'Update name and settings (owner, admin)',
      body: obj({ 'name?': str({ maxLength: 100 }), 'settings?': orgSettings }),
      ok: { 200: data(ref('Organization')) },
      errors: [403],
    }),
  },
  [org('/{orgId}/set-active')]: {
    post: op(org('/{orgId}/set-active'), {
      tag: 'organizations',
      summary: 'Make it the caller’s active organization',
      ok: { 200: data(ref('Organization')) },
    }),
  },
  [org('/{orgId}/leave')]: {
    post: op(org('/{orgId}/leave'), {
      tag: 'organizations',
      summary: 'Leave (the last owner cannot)',
      ok: { 204: null },
      errors: [409],
    }),
  },
  [org('/{orgId}/analytics')]: {
    get: op(org('/{orgId}/analytics'), {
      tag: 'organizations',
      summary: 'Members, active users, messages per day, rooms (owner, admin)',
      ok: { 200: data(ref('Analytics')) },
      errors: [403],
    }),
  },
  [org('/{orgId}/presence')]: {
    get: op(org('/{orgId}/presence'), {
      tag: 'organizations',
      summary: 'Who is online now (user_online / user_offline keep it current)',
      ok: { 200: data(obj({ online: list(str({ format: 'uuid' })) })) },
    }),
  },
  [org('/{orgId}/members')]: {
    get: op(org('/{orgId}/members'), {
      tag: 'organizations',
      summary: 'Members with their roles',
      query: paging,
      ok: { 200: page(ref('Membership')) },
    }),
  },
  [org('/{orgId}/members/{memberId}')]: {
    delete: op(org('/{orgId}/members/{memberId}'), {
      tag: 'organizations',
      summary: 'Remove a member (owner, admin); the last owner stays',
      ok: { 204: null },
      errors: [403, 409],
    }),
  },
  [org('/{orgId}/members/{memberId}/role')]: {
    put: op(org('/{orgId}/members/{memberId}/role'), {
      tag: 'organizations',
      summary: 'Change a member’s role (owner)',
      body: obj({ role }),
      ok: { 200: data(ref('Membership')) },
      errors: [403, 409],
    }),
  },
  [org('/{orgId}/invite')]: {
    post: op(org('/{orgId}/invite'), {
      tag: 'organizations',
      summary: 'Invite by email (owner, admin, moderator); answers the link once',
      description:
        'Limited per inviter (INVITE_RATE_PER_HOUR) and per inviter and address ' +
        '(INVITE_ADDRESS_RATE_PER_DAY, revoked invites included): 429 with Retry-After.',
      body: obj({ 'email': str({ format: 'email' }), 'role?': role }),
      ok: { 201: data(ref('InviteWithLink')) },
      errors: [403, 409, 429],
    }),
  },
  [org('/{orgId}/invites')]: {
    get: op(org('/{orgId}/invites'), {
      tag: 'organizations',
      summary: 'Invites of the organization',
      ok: { 200: data(list(ref('Invite'))) },
      errors: [403],
    }),
  },
  [org('/{orgId}/invites/{inviteId}')]: {
    delete: op(org('/{orgId}/invites/{inviteId}'), {
      tag: 'organizations',
      summary: 'Revoke a pending invite',
      ok: { 204: null },
      errors: [403, 409],
    }),
  },
}

/** System, web client, auth, users and organizations operations. */
export const accountPaths: Paths = { ...system, ...web, ...auth, ...users, ...orgs }
