import { ApiError, request, session } from './api'
import type { Me, Role, Room } from './types'

/*
 * REST calls of the newer screens (organization settings, invites and their
 * mail, avatars), kept apart from api.ts so the client's transport can change
 * underneath: everything here goes through api.ts's `request`.
 */

/** An organization's settings (`PUT /organizations/:orgId` merges them). */
export interface OrganizationSettings {
  maxMembers: number | null
  allowChannelMentions: boolean
  description: string | null
  requireTwoFactor: boolean
}

export interface OrganizationDetails {
  id: string
  name: string
  slug: string
  role: Role | null
  settings: OrganizationSettings
}

/** What became of an invite mail (`mail` of an invite; null before mail was tracked). */
export interface InviteMail {
  status: 'logged' | 'queued' | 'sent' | 'failed'
  attempts: number
  lastError: string | null
  sentAt: string | null
}

/** A pending invite as admins list it. */
export interface InviteRow {
  id: string
  email: string
  role: Role
  status: 'pending' | 'accepted' | 'revoked' | 'expired'
  expiresAt: string
  emailSent: boolean
  mail: InviteMail | null
}

const data = <T>(answer: Promise<{ data: T }>) => answer.then((r) => r.data)

export function organizationDetails(orgId: string) {
  return data(request<OrganizationDetails>('GET', `/organizations/${orgId}`))
}

export function updateOrganization(
  orgId: string,
  patch: { name?: string; settings?: Partial<OrganizationSettings> }
) {
  return data(request<OrganizationDetails>('PUT', `/organizations/${orgId}`, patch))
}

export function pendingInvites(orgId: string) {
  return data(request<InviteRow[]>('GET', `/organizations/${orgId}/invites`))
}

/** What an admin is told about an invite mail, in words. */
export function mailState(invite: Pick<InviteRow, 'emailSent' | 'mail'>) {
  if (invite.emailSent) return 'email sent'
  const mail = invite.mail
  switch (mail?.status) {
    case 'queued':
      return mail.attempts
        ? `email not sent yet, retrying (${mail.attempts} attempt${mail.attempts === 1 ? '' : 's'}${mail.lastError ? `: ${mail.lastError}` : ''})`
        : 'email queued, not sent yet'
    case 'failed':
      return `the email could not be sent${mail.lastError ? `: ${mail.lastError}` : ''}`
    case 'logged':
      return 'not emailed: this server sends no mail, share the link'
    default:
      return 'no record of an email'
  }
}

/**
 * Lets this browser's `<img>` load avatars: the server keeps the token in an
 * HttpOnly cookie only the avatar route reads (an `<img>` sends no header).
 */
export function enableImageCookie() {
  return request('POST', '/auth/image-cookie')
}

/** Forgets the image cookie (signing out). */
export function forgetImageCookie() {
  return request('DELETE', '/auth/image-cookie')
}

/** Replaces the signed-in person's avatar (multipart PUT, field `file`). */
export async function uploadAvatar(file: File): Promise<Me> {
  const form = new FormData()
  form.append('file', file, file.name)
  const headers: Record<string, string> = { accept: 'application/json' }
  if (session.token) headers.authorization = `Bearer ${session.token}`
  const response = await fetch('/users/me/avatar', { method: 'PUT', headers, body: form })
  const body = await response.json().catch(() => ({}))
  if (response.ok) return body.data
  const first = body?.errors?.[0] ?? {}
  throw new ApiError(response.status, first.code ?? 'E_HTTP', first.message ?? response.statusText)
}

/** A public room as anyone in the organization sees it before joining. */
export interface PublicRoom {
  id: string
  name: string | null
  description: string | null
  memberCount: number
  joined: boolean
  lastMessageAt: string | null
}

/** The organization's public rooms, by name (an optional part of the name filters them). */
export function publicRooms(search = '') {
  const query = new URLSearchParams({ perPage: '100' })
  if (search.trim()) query.set('search', search.trim())
  return data(request<PublicRoom[]>('GET', `/chat/public-rooms?${query}`))
}

/** Joins a public room; answers the room as its members see it. */
export function joinPublicRoom(roomId: string) {
  return data(request<Room>('POST', `/chat/rooms/${roomId}/join`))
}
