import {
  data,
  int,
  nullable,
  list,
  obj,
  op,
  paging,
  ref,
  str,
  time,
  uuid,
  type Paths,
  type Schema,
} from '../builder.js'
import { ids } from '../examples.js'

/* Exports (issue #19): an organization's archive for its owners, a user's own data. */

/** An export: its status and progress, and a fresh signed link while it is ready. */
export const exportSchema: Schema = obj({
  id: uuid(),
  kind: str({ enum: ['organization', 'user'] }),
  organizationId: nullable(uuid()),
  userId: nullable(uuid()),
  status: str({ enum: ['queued', 'running', 'ready', 'failed', 'expired'] }),
  progress: obj({ done: int({ minimum: 0 }), total: int({ minimum: 0 }) }),
  size: nullable(int({ minimum: 0 })),
  error: nullable(str({ description: 'Why a failed export failed (no internals)' })),
  createdAt: time(),
  completedAt: nullable(time()),
  expiresAt: nullable(time()),
  download: nullable(
    obj({
      url: str({ description: 'Path of the signed link on this server (no token needed)' }),
      expiresAt: time(),
    })
  ),
})

const exportId = '8b1e4c2d-7f3a-4e5b-9c6d-0a1b2c3d4e5f'

const readyExample = {
  data: {
    id: exportId,
    kind: 'organization',
    organizationId: ids.org,
    userId: null,
    status: 'ready',
    progress: { done: 120_431, total: 120_431 },
    size: 48_213_771,
    error: null,
    createdAt: '2026-12-04T09:30:00.000Z',
    completedAt: '2026-12-04T09:31:12.000Z',
    expiresAt: '2026-12-05T09:31:12.000Z',
    download: {
      url: `/exports/${exportId}/download?signature=eyJtZXNzYWdlIjoi…`,
      expiresAt: '2026-12-04T09:41:12.000Z',
    },
  },
}

const queuedExample = {
  data: {
    ...readyExample.data,
    status: 'queued',
    progress: { done: 0, total: 0 },
    size: null,
    completedAt: null,
    expiresAt: null,
    download: null,
  },
}

type Example = { data: Record<string, unknown> }

const userExample = (example: Example) => ({
  data: { ...example.data, kind: 'user', organizationId: null, userId: ids.ann },
})

/** A page of exports: `{ data: [...], meta }`, newest first. */
const exportPage = obj({ data: list(exportSchema), meta: ref('PageMeta') })

/** A page of two: a queued export, newer than a ready one. */
const listExample = (queued: Example, ready: Example) => ({
  data: [
    {
      ...queued.data,
      id: '3f0c9a1e-5b7d-4c2e-8a6f-1d2e3f4a5b6c',
      createdAt: '2026-12-04T10:02:00.000Z',
    },
    ready.data,
  ],
  meta: { total: 2, perPage: 25, currentPage: 1, lastPage: 1 },
})

const exportParam = { exportId: 'The export’s id (anyone else’s is 404)' }
const layout =
  'The archive is a zip of JSON Lines and files, described in docs/exports.md; it is built by a job ' +
  'with progress here, kept EXPORT_TTL_HOURS (24) and then deleted.'

export const exportPaths: Paths = {
  '/organizations/{orgId}/exports': {
    get: op('/organizations/{orgId}/exports', {
      operationId: 'listOrganizationExports',
      tag: 'organizations',
      summary: 'The organization’s exports, newest first (owner)',
      description:
        'Every export of the organization with its status, progress and, while ready, a fresh ' +
        'signed link; newest first, paged. Owners only (403 for other roles).',
      params: { orgId: 'The organization (another organization’s id is 404)' },
      query: paging,
      ok: { 200: exportPage },
      example: listExample(queuedExample, readyExample),
      errors: [403],
    }),
    post: op('/organizations/{orgId}/exports', {
      operationId: 'createOrganizationExport',
      tag: 'organizations',
      summary: 'Export the organization: rooms, members, messages and files (owner)',
      description:
        `Queues an export of the whole organization. ${layout} Message bodies are decrypted; ` +
        'end-to-end encrypted rooms stay ciphertext. Owners only (403 for other roles). ' +
        'Audited (`export.requested`, `export.completed`, `export.downloaded`). 10 an hour per account.',
      params: { orgId: 'The organization (another organization’s id is 404)' },
      ok: { 201: data(exportSchema) },
      example: queuedExample,
      errors: [403, 429],
    }),
  },
  '/organizations/{orgId}/exports/{exportId}': {
    get: op('/organizations/{orgId}/exports/{exportId}', {
      operationId: 'getOrganizationExport',
      tag: 'organizations',
      summary: 'An organization export’s status, progress and download link (owner)',
      description:
        'Poll until `status` is `ready` (or `failed`, with `error`). While ready, each answer ' +
        'carries a fresh signed link valid EXPORT_LINK_MINUTES (10): ask again for a new one.',
      params: { orgId: 'The organization (another organization’s id is 404)', ...exportParam },
      ok: { 200: data(exportSchema) },
      example: readyExample,
      errors: [403],
    }),
  },
  '/users/me/exports': {
    get: op('/users/me/exports', {
      operationId: 'listUserExports',
      tag: 'users',
      summary: 'Your own data exports, newest first',
      description:
        'The caller’s own data exports (never anyone else’s) with status, progress and, while ' +
        'ready, a fresh signed link; newest first, paged.',
      query: paging,
      ok: { 200: exportPage },
      example: listExample(userExample(queuedExample), userExample(readyExample)),
    }),
    post: op('/users/me/exports', {
      operationId: 'createUserExport',
      tag: 'users',
      summary: 'Export your own data: profile, organizations, messages and files',
      description:
        `The caller’s own data (GDPR art. 20): every message they sent, decrypted, and the files ` +
        `they uploaded; nobody else’s messages. ${layout} 10 an hour per account.`,
      ok: { 201: data(exportSchema) },
      example: userExample(queuedExample),
      errors: [429],
    }),
  },
  '/users/me/exports/{exportId}': {
    get: op('/users/me/exports/{exportId}', {
      operationId: 'getUserExport',
      tag: 'users',
      summary: 'Your export’s status, progress and download link',
      description: 'As for organization exports: poll until ready, then follow `download.url`.',
      params: exportParam,
      ok: { 200: data(exportSchema) },
      example: userExample(readyExample),
    }),
  },
  '/exports/{exportId}/download': {
    get: op('/exports/{exportId}/download', {
      operationId: 'downloadExport',
      tag: 'media',
      auth: false,
      summary: 'Download a ready export’s archive through its signed link',
      description:
        'The `download.url` of a ready export; the signature (query `signature`) is the only ' +
        'credential, valid EXPORT_LINK_MINUTES. Expired, altered or another export’s: 401 ' +
        '`E_UNAUTHORIZED`. An export no longer ready (expired, deleted): 404. Audited ' +
        '(`export.downloaded`, with the IP).',
      params: exportParam,
      ok: { 200: { content: { 'application/zip': str({ contentMediaType: 'application/zip' }) } } },
      errors: [401],
    }),
  },
}
