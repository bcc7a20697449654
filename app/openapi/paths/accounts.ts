import { ROLES } from '#models/membership'
import {
  bool,
  data,
  described,
  int,
  list,
  nullable,
  obj,
  op,
  page,
  paging,
  ref,
  str,
  type Paths,
} from '../builder.js'

/* Operations of the system, web client, auth, users and organizations routes. */

const role = str({ enum: [...ROLES] })
const authResult = data(obj({ user: ref('Self'), token: str() }))
const image = { content: { 'image/webp': str({ contentMediaType: 'image/webp' }) } }

const system: Paths = {
  '/health': {
    get: op('/health', {
      operationId: 'getHealth',
      description:
        'Every check with its status and message; 503 when a required check fails. The keyring block shows which master keys this node holds.',
      tag: 'system',
      summary: 'Health of the database, Redis (when configured), disk, memory and plugins',
      auth: false,
      ok: { 200: data(ref('HealthReport')), 503: data(ref('HealthReport')) },
    }),
  },
  '/health/live': {
    get: op('/health/live', {
      operationId: 'getLiveness',
      example: { data: { status: 'ok', uptime: 3600, eventLoopDelayMs: 1.2 } },
      description:
        'For liveness probes: answers while the process and its event loop work, whatever the dependencies.',
      tag: 'system',
      summary:
        'Liveness: the process answers and its event loop turns; no dependency is checked (docs/deploy.md, Probes)',
      auth: false,
      ok: {
        200: data(
          obj({
            status: str({ enum: ['ok'] }),
            uptime: int({ minimum: 0 }),
            eventLoopDelayMs: { type: 'number', minimum: 0 },
          })
        ),
      },
    }),
  },
  '/health/ready': {
    get: op('/health/ready', {
      operationId: 'getReadiness',
      description: 'For readiness probes and load balancers: take the node out of rotation on 503.',
      tag: 'system',
      summary:
        'Readiness: 503 until the node has started, while it drains, while migrations are pending, or when PostgreSQL or (when configured) Redis is unreachable',
      auth: false,
      ok: { 200: data(ref('HealthReport')), 503: data(ref('HealthReport')) },
    }),
  },
  '/openapi.json': {
    get: op('/openapi.json', {
      operationId: 'getOpenApiDocument',
      example: { openapi: '3.1.0', info: { title: 'Parley API', version: '0.1.0' }, paths: {} },
      description:
        'The OpenAPI 3.1 description of every REST route this server answers, plugins included.',
      tag: 'system',
      summary: 'This document',
      auth: false,
      ok: { 200: { type: 'object' } },
    }),
  },
  '/asyncapi.json': {
    get: op('/asyncapi.json', {
      operationId: 'getAsyncApiDocument',
      example: {
        asyncapi: '3.0.0',
        info: { title: 'Parley real-time API', version: '0.1.0' },
        channels: {},
      },
      description:
        'Every Socket.IO event both ways (payloads, acks and their error codes, the handshake) and every SSE channel and event, with the same component schemas as this document.',
      tag: 'system',
      summary: 'The AsyncAPI 3.0 document of the Socket.IO events and SSE channels',
      auth: false,
      ok: { 200: { type: 'object' } },
    }),
  },
  '/docs/realtime': {
    get: op('/docs/realtime', {
      operationId: 'getRealtimeReference',
      tag: 'system',
      summary: 'The Socket.IO and SSE reference rendered from /asyncapi.json',
      description:
        'Every event both ways with payload, example, ack and error codes; every SSE channel.',
      auth: false,
      ok: { 200: { content: { 'text/html': str() } } },
    }),
  },
  '/docs/assets/{file}': {
    get: op('/docs/assets/{file}', {
      operationId: 'getDocsAsset',
      tag: 'system',
      summary: 'The scripts and styles of /docs (Swagger UI, served from this server)',
      description: 'Only the files /docs loads; anything else is 404.',
      auth: false,
      params: { file: 'swagger-ui-bundle.js, swagger-ui.css, docs.js or docs.css' },
      ok: { 200: { content: { 'text/javascript': str(), 'text/css': str() } } },
      errors: [404],
    }),
  },
  '/docs': {
    get: op('/docs', {
      operationId: 'getApiReference',
      description:
        'An interactive reference of this document (Authorize, try it out) and of /asyncapi.json, served from this server with no external resources.',
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
      operationId: 'openWebClient',
      description: 'Serves the bundled web client.',
      tag: 'web',
      summary: 'The web client (404 until it is built)',
      auth: false,
      ok: { 200: html },
      errors: [404],
    }),
  },
  '/invites/{token}': {
    get: op('/invites/{token}', {
      operationId: 'openInvitePage',
      description: 'Serves the web client, which shows the invite and accepts it after login.',
      params: { token: 'The invite token from the link' },
      tag: 'web',
      summary: 'The web client, opened on an invite link',
      auth: false,
      ok: { 200: html },
    }),
  },
  '/assets/{path}': {
    get: op('/assets/{path}', {
      operationId: 'getWebAsset',
      description: 'Static files of the web client build, with long-lived caching.',
      params: { path: 'The asset’s file name from the build' },
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
      operationId: 'register',
      description:
        'Creates an account and returns it with an access token. Passwords are 8–128 characters. ' +
        'The first account of a server becomes its admin. Under the default signup policy ' +
        '(invite only) a later account needs a pending invite to its address: invite first ' +
        '(`POST /organizations/{orgId}/invite`), then register with that email and accept. ' +
        'Creating organizations needs a verified email by default (server admins always may).',
      requestExample: {
        email: 'ann@example.com',
        username: 'ann',
        password: 'correct horse battery',
        displayName: 'Ann Lee',
      },
      tag: 'auth',
      summary:
        'Create an account and get a token (the signup policy decides who may: 403 E_SIGNUP_CLOSED)',
      auth: false,
      body: obj({
        'email': str({ format: 'email', maxLength: 254 }),
        'username': str({ minLength: 3, maxLength: 32 }),
        'password': str({ minLength: 8, maxLength: 128 }),
        'displayName?': str({ maxLength: 100 }),
      }),
      ok: { 201: authResult },
      errors: [403, 429],
    }),
  },
  '/auth/login': {
    post: op('/auth/login', {
      operationId: 'login',
      requestExample: { email: 'ann@example.com', password: 'correct horse battery' },
      tag: 'auth',
      summary: 'Log in with email or username; one 401 for any wrong part',
      description:
        'With 2FA on, also `code`: else 401 E_TWO_FACTOR_REQUIRED or E_TWO_FACTOR_INVALID.',
      auth: false,
      body: obj({
        'email?': str(),
        'username?': str(),
        'password': str({ maxLength: 128 }),
        'code?': str({ maxLength: 32 }),
      }),
      ok: { 200: authResult },
      errors: [401, 429],
    }),
  },
  '/auth/logout': {
    post: op('/auth/logout', {
      operationId: 'logout',
      description:
        'Revokes the token of this request; its sockets and SSE streams close on every node.',
      tag: 'auth',
      summary: 'Revoke the current token (live sockets and streams close)',
      ok: { 204: null },
    }),
  },
}

const users: Paths = {
  '/users': {
    get: op('/users', {
      operationId: 'listUsers',
      description:
        'Only users who share an organization with the caller are visible; `search` matches username and display name.',
      tag: 'users',
      summary: 'Users sharing an organization with the caller',
      query: {
        search: described(str({ maxLength: 100 }), 'Part of a username or display name'),
        ...paging,
      },
      ok: { 200: page(ref('User')) },
    }),
  },
  '/users/me': {
    get: op('/users/me', {
      operationId: 'getMe',
      description: 'The caller’s own account, with email, active organization and security flags.',
      tag: 'users',
      summary: 'The caller',
      ok: { 200: data(ref('Self')) },
    }),
    put: op('/users/me', {
      operationId: 'updateMe',
      description:
        'Changes the display name, the username, or the password (with `currentPassword`; other sessions end).',
      requestExample: { displayName: 'Ann Lee' },
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
      operationId: 'uploadAvatar',
      description:
        'Multipart field `file`: PNG, JPEG, WebP or GIF up to 5 MB, judged by its bytes; stored as a 512×512 WebP.',
      tag: 'media',
      summary: 'Upload an avatar (an image up to 5 MB, stored as a 512×512 WebP)',
      upload: true,
      ok: { 200: data(ref('Self')) },
      errors: [400, 413, 415, 429],
    }),
  },
  '/users/username/{username}': {
    get: op('/users/username/{username}', {
      operationId: 'getUserByUsername',
      description:
        'A user sharing an organization with the caller, by exact username; anyone else is 404.',
      tag: 'users',
      summary: 'A user by username',
      ok: { 200: data(ref('User')) },
    }),
  },
  '/users/{id}': {
    get: op('/users/{id}', {
      operationId: 'getUser',
      description: 'A user sharing an organization with the caller; anyone else is 404.',
      tag: 'users',
      summary: 'A user',
      ok: { 200: data(ref('User')) },
    }),
  },
  '/users/{id}/avatar': {
    get: op('/users/{id}/avatar', {
      operationId: 'getUserAvatar',
      tag: 'media',
      summary: 'A user’s avatar',
      description:
        'The 512×512 WebP avatar of a user who shares an organization with the caller (404 for anyone else, and when there is none). Authenticated by the bearer token, or, for a browser’s `<img>`, by the image cookie of `POST /auth/image-cookie`. `avatarUrl` in user objects carries a `v` query parameter that changes with the image, so caches never serve an old one.',
      query: {
        v: described(str(), 'The image version from `avatarUrl` (ignored by the server)'),
      },
      ok: { 200: image },
    }),
  },
  '/auth/image-cookie': {
    post: op('/auth/image-cookie', {
      operationId: 'createImageCookie',
      tag: 'auth',
      summary: 'Let this browser’s <img> elements load avatars',
      description:
        'Sets `parley_images`: an HttpOnly, SameSite=Strict cookie for the path `/users`, holding the caller’s token encrypted with the server key. Only `GET /users/{id}/avatar` reads it, with the same checks as the bearer token: it stops working when the token is revoked (logout, password change, session ended, account deactivated), and it shows only avatars of people the caller shares an organization with. Web clients call it after signing in.',
      ok: { 204: null },
      errors: [429],
    }),
    delete: op('/auth/image-cookie', {
      operationId: 'deleteImageCookie',
      tag: 'auth',
      summary: 'Forget the image cookie of this browser',
      description:
        'Clears `parley_images` (a web client signing out). Needs no token: it only removes a cookie.',
      auth: false,
      ok: { 204: null },
      errors: [429],
    }),
  },
}

const orgSettings = obj({
  'maxMembers?': nullable(int({ minimum: 1, maximum: 100000 })),
  'allowChannelMentions?': bool(),
  'description?': nullable(str({ maxLength: 1000 })),
  'requireTwoFactor?': bool(),
})
const org = <Path extends string>(path: Path) => `/organizations${path}` as const

const orgs: Paths = {
  [org('')]: {
    get: op(org(''), {
      operationId: 'listOrganizations',
      description: 'Every organization the caller belongs to, with the caller’s role in each.',
      tag: 'organizations',
      summary: 'My organizations, with my role',
      ok: { 200: data(list(ref('Organization'))) },
    }),
    post: op(org(''), {
      operationId: 'createOrganization',
      requestExample: { name: 'Acme', slug: 'acme' },
      tag: 'organizations',
      summary: 'Create an organization (the caller is its owner)',
      description:
        'Limited per user (ORG_CREATE_RATE_PER_HOUR): 429 with Retry-After above it. The signup ' +
        'policy decides who may: 403 E_ORGANIZATION_CREATION_RESTRICTED otherwise.',
      body: obj({ 'name': str({ maxLength: 100 }), 'slug?': str({ maxLength: 64 }) }),
      ok: { 201: data(ref('Organization')) },
      errors: [403, 409, 429],
    }),
  },
  [org('/active')]: {
    get: op(org('/active'), {
      operationId: 'getActiveOrganization',
      description: 'The organization used when a request sends no `x-organization-id`.',
      tag: 'organizations',
      summary: 'The active organization (null when none)',
      ok: { 200: data(nullable(ref('Organization'))) },
    }),
  },
  [org('/accept-invite/{token}')]: {
    post: op(org('/accept-invite/{token}'), {
      operationId: 'acceptInvite',
      params: { token: 'The invite token (from the link or the invite answer)' },
      tag: 'organizations',
      summary: 'Accept an invite sent to the caller’s email',
      description: 'Limited per user (INVITE_ACCEPT_RATE_PER_HOUR): 429 with Retry-After above it.',
      ok: { 200: data(ref('Organization')) },
      errors: [409, 429],
    }),
  },
  [org('/{orgId}')]: {
    get: op(org('/{orgId}'), {
      operationId: 'getOrganization',
      description: 'An organization the caller belongs to, with the caller’s role.',
      tag: 'organizations',
      summary: 'An organization',
      ok: { 200: data(ref('Organization')) },
    }),
    put: op(org('/{orgId}'), {
      operationId: 'updateOrganization',
      requestExample: { name: 'Acme Inc.', settings: { allowChannelMentions: false } },
      tag: 'organizations',
      summary: 'Update name and settings (owner, admin)',
      description:
        'requireTwoFactor needs 2FA on the caller’s account: else 409 E_TWO_FACTOR_REQUIRED.',
      body: obj({ 'name?': str({ maxLength: 100 }), 'settings?': orgSettings }),
      ok: { 200: data(ref('Organization')) },
      errors: [403, 409],
    }),
  },
  [org('/{orgId}/set-active')]: {
    post: op(org('/{orgId}/set-active'), {
      operationId: 'setActiveOrganization',
      description:
        'Requests without `x-organization-id`, and sockets without `auth.organizationId`, then use it.',
      tag: 'organizations',
      summary: 'Make it the caller’s active organization',
      ok: { 200: data(ref('Organization')) },
    }),
  },
  [org('/{orgId}/leave')]: {
    post: op(org('/{orgId}/leave'), {
      operationId: 'leaveOrganization',
      description:
        'The caller leaves; their sockets and streams in it close. The last owner must hand over first (409 E_LAST_OWNER).',
      tag: 'organizations',
      summary: 'Leave (the last owner cannot)',
      ok: { 204: null },
      errors: [409],
    }),
  },
  [org('/{orgId}/analytics')]: {
    get: op(org('/{orgId}/analytics'), {
      operationId: 'getOrganizationAnalytics',
      description: 'Counts over the last 7 and 30 UTC days; owners and admins only.',
      tag: 'organizations',
      summary: 'Members, active users, messages per day, rooms (owner, admin)',
      ok: { 200: data(ref('Analytics')) },
      errors: [403],
    }),
  },
  [org('/{orgId}/presence')]: {
    get: op(org('/{orgId}/presence'), {
      operationId: 'getOrganizationPresence',
      description:
        'Who is online in the organization now; follow `user_online` and `user_offline` afterwards.',
      tag: 'organizations',
      summary: 'Who is online now (user_online / user_offline keep it current)',
      ok: { 200: data(obj({ online: list(str({ format: 'uuid' })) })) },
    }),
  },
  [org('/{orgId}/members')]: {
    get: op(org('/{orgId}/members'), {
      operationId: 'listOrganizationMembers',
      description: 'Members with their roles and profiles, paginated.',
      tag: 'organizations',
      summary: 'Members with their roles',
      query: paging,
      ok: { 200: page(ref('Membership')) },
    }),
  },
  [org('/{orgId}/members/{memberId}')]: {
    delete: op(org('/{orgId}/members/{memberId}'), {
      operationId: 'removeOrganizationMember',
      description:
        'Removes a member from the organization and its rooms; their sockets and streams in it close at once.',
      tag: 'organizations',
      summary: 'Remove a member (owner, admin); the last owner stays',
      ok: { 204: null },
      errors: [403, 409],
    }),
  },
  [org('/{orgId}/members/{memberId}/role')]: {
    put: op(org('/{orgId}/members/{memberId}/role'), {
      operationId: 'changeMemberRole',
      description: 'Owners only; the organization always keeps one owner (409 E_LAST_OWNER).',
      requestExample: { role: 'moderator' },
      tag: 'organizations',
      summary: 'Change a member’s role (owner)',
      body: obj({ role }),
      ok: { 200: data(ref('Membership')) },
      errors: [403, 409],
    }),
  },
  [org('/{orgId}/invite')]: {
    post: op(org('/{orgId}/invite'), {
      operationId: 'inviteMember',
      requestExample: { email: 'cat@example.com', role: 'member' },
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
      operationId: 'listInvites',
      description: 'Every invite of the organization with its status and mail delivery.',
      tag: 'organizations',
      summary: 'Invites of the organization',
      ok: { 200: data(list(ref('Invite'))) },
      errors: [403],
    }),
  },
  [org('/{orgId}/invites/{inviteId}')]: {
    delete: op(org('/{orgId}/invites/{inviteId}'), {
      operationId: 'revokeInvite',
      description: 'A revoked invite can no longer be accepted.',
      tag: 'organizations',
      summary: 'Revoke a pending invite',
      ok: { 204: null },
      errors: [403, 409],
    }),
  },
}

/** System, web client, auth, users and organizations operations. */
export const accountPaths: Paths = { ...system, ...web, ...auth, ...users, ...orgs }
