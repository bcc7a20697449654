import env from '#start/env'
import { queueMail } from '#services/mailer'

/** The mails of the account flows, each with the one link it carries. */
export type AccountMail =
  | { kind: 'verify_email'; to: string; token: string }
  | { kind: 'reset_password'; to: string; token: string }

/** What each mail is recorded as in mail_deliveries. */
const DELIVERY_KINDS: Record<AccountMail['kind'], string> = {
  verify_email: 'email_verification',
  reset_password: 'password_reset',
}

/** Where each mail's link opens the web client. */
const PATHS: Record<AccountMail['kind'], string> = {
  verify_email: '/verify-email/',
  reset_password: '/reset-password/',
}

/** A public link to the web client: `<APP_URL><path>`, or `http://localhost:<PORT>` in development. */
export function accountLink(mailToSend: AccountMail) {
  const base = env.get('APP_URL') ?? `http://localhost:${env.get('PORT')}`
  return `${base.replace(/\/+$/, '')}${PATHS[mailToSend.kind]}${mailToSend.token}`
}

/** Subject, plain text and HTML of each account mail (built in code: no template engine). */
export function accountMailContent(mailToSend: AccountMail) {
  const { subject, lines } = accountMailLines(mailToSend)
  const link = accountLink(mailToSend)
  const html = lines
    .filter((line) => line !== '')
    .map((line) =>
      line === link
        ? `<p><a href="${escapeHtml(link)}">${escapeHtml(link)}</a></p>`
        : `<p>${escapeHtml(line)}</p>`
    )
    .join('')
  return { subject, text: lines.join('\n'), html }
}

function accountMailLines(mailToSend: AccountMail) {
  const link = accountLink(mailToSend)
  if (mailToSend.kind === 'verify_email') {
    return {
      subject: 'Confirm your email address for Parley',
      lines: [
        'Confirm that this address belongs to your Parley account:',
        '',
        link,
        '',
        'The link works once, for 24 hours. If you did not sign up, ignore this mail.',
      ],
    }
  }
  return {
    subject: 'Reset your Parley password',
    lines: [
      'Someone (hopefully you) asked to reset the password of your Parley account:',
      '',
      link,
      '',
      'The link works once, for one hour, and signs you out everywhere.',
      'If you did not ask, ignore this mail: your password stays as it is.',
    ],
  }
}

/**
 * Account mail goes through the one mailer (app/services/mailer.ts): a
 * `queued` delivery that a job sends and retries with backoff when SMTP is
 * configured, the log otherwise. Resolves with the delivery; never throws
 * for an SMTP problem (the person can ask for another link).
 */
export async function queueAccountMail(mailToSend: AccountMail) {
  const content = accountMailContent(mailToSend)
  return queueMail({ kind: DELIVERY_KINDS[mailToSend.kind], to: mailToSend.to, ...content })
}

function escapeHtml(value: string) {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;')
}
