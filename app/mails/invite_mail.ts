import { queueMail } from '#services/mailer'
import env from '#start/env'
import type Invite from '#models/invite'

/** What an invite mail says; built in code so it needs no template engine. */
export interface InviteMailContent {
  organizationName: string
  inviterName: string
  role: string
  link: string
  expiresAt: string
}

/**
 * The public link an invitee opens: `<APP_URL>/invites/<token>`, or
 * `http://localhost:<PORT>` when APP_URL is not configured (development).
 */
export function inviteLink(token: string) {
  const base = env.get('APP_URL') ?? `http://localhost:${env.get('PORT')}`
  return `${base.replace(/\/+$/, '')}/invites/${token}`
}

/** Subject, plain text and HTML of the invite mail. Names are escaped in the HTML. */
export function inviteMail(content: InviteMailContent) {
  const subject = `You are invited to ${content.organizationName} on Parley`
  const text = [
    `${content.inviterName} invited you to join ${content.organizationName} on Parley as ${content.role}.`,
    '',
    `Accept the invitation: ${content.link}`,
    '',
    `This link works once, for this email address only, until ${content.expiresAt}.`,
  ].join('\n')
  const html = [
    `<p>${escapeHtml(content.inviterName)} invited you to join`,
    ` <strong>${escapeHtml(content.organizationName)}</strong> on Parley as ${escapeHtml(content.role)}.</p>`,
    `<p><a href="${escapeHtml(content.link)}">Accept the invitation</a></p>`,
    `<p>This link works once, for this email address only, until ${escapeHtml(content.expiresAt)}.</p>`,
  ].join('')
  return { subject, text, html }
}

/**
 * Queues the invite mail (app/services/mailer.ts) and returns its delivery:
 * `logged` without SMTP, else `queued` until a job sends it. Never throws
 * for a mail problem: the invite is already committed and the inviter has
 * the link to pass on by hand.
 */
export async function queueInviteMail(
  invite: Invite,
  context: { organizationName: string; inviterName: string; link: string }
) {
  const content = inviteMail({
    ...context,
    role: invite.role,
    expiresAt: invite.expiresAt.toUTC().toFormat("yyyy-LL-dd HH:mm 'UTC'"),
  })
  return queueMail(
    { kind: 'invite', to: invite.email, ...content },
    { organizationId: invite.organizationId }
  )
}

function escapeHtml(value: string) {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;')
}
