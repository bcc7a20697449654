import type { components, paths, SyncResult as SdkSyncResult } from '@parley/client'

/*
 * The JSON shapes of Parley's public API that this client reads: the
 * component schemas of /openapi.json, through @parley/client's generated
 * types (see app/openapi/schemas.ts on the server and DESIGN.md §6, §10).
 */

type Schemas = components['schemas']

export type User = Schemas['User']
export type Me = Schemas['Self']
export type Organization = Schemas['Organization']
export type Role = Schemas['Membership']['role']
export type Member = Schemas['Membership']
export type Message = Schemas['Message']
export type Room = Schemas['Room']
export type Media = Schemas['Media']
export type CommandResult = Schemas['CommandResult']
/** An invite as listed or created (a new one carries its link). */
export type Invite = Schemas['Invite'] & { link?: string | null }
/** The `data` of a notification (the seq and kind of the mention it is about). */
export type Notification = Omit<Schemas['Notification'], 'data'> & {
  data: { seq?: number; mentionKind?: string }
}

/** One of my sessions (`GET /auth/sessions`). */
export type Session =
  paths['/auth/sessions']['get']['responses'][200]['content']['application/json']['data'][number]

/** The ack of every client→server socket event. */
export type Ack<T> =
  { ok: true; data: T } | { ok: false; error: { code: string; message: string; field?: string } }

export type SyncResult = SdkSyncResult
