import env from '#start/env'
import { defineConfig } from '@adonisjs/mail'
import { SMTPTransport } from '@adonisjs/mail/transports/smtp'
import type { InferMailers } from '@adonisjs/mail/types'
import { LogTransport } from '#services/log_mail_transport'

/*
|--------------------------------------------------------------------------
| Mail (invites and account mail)
|--------------------------------------------------------------------------
|
| Sent only through app/services/mailer.ts (`queueMail`): through SMTP by a
| job when SMTP_HOST is set; otherwise written to the log, which says that
| no mail left the server. The SMTP transport reads its settings when it is
| created, and gives up on a silent server after SMTP_TIMEOUT_SECONDS (the
| job then retries with backoff).
|
*/
function smtpSettings() {
  const timeout = env.get('SMTP_TIMEOUT_SECONDS', 30) * 1000
  return {
    host: env.get('SMTP_HOST') ?? '127.0.0.1',
    port: env.get('SMTP_PORT', 587),
    secure: env.get('SMTP_SECURE', false),
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
    ...(env.get('SMTP_USERNAME')
      ? {
          auth: {
            type: 'login' as const,
            user: env.get('SMTP_USERNAME')!,
            pass: env.get('SMTP_PASSWORD', ''),
          },
        }
      : {}),
  }
}

const mailConfig = defineConfig({
  default: env.get('SMTP_HOST') ? 'smtp' : 'log',
  from: { address: env.get('MAIL_FROM', 'parley@localhost'), name: 'Parley' },
  mailers: {
    smtp: () => new SMTPTransport(smtpSettings()),
    log: () => new LogTransport(),
  },
})

export default mailConfig

declare module '@adonisjs/mail/types' {
  export interface MailersList extends InferMailers<typeof mailConfig> {}
}
