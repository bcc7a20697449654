import env from '#start/env'
import { defineConfig, transports } from '@adonisjs/mail'
import type { InferMailers } from '@adonisjs/mail/types'
import { LogTransport } from '#services/log_mail_transport'

/*
|--------------------------------------------------------------------------
| Mail (invites)
|--------------------------------------------------------------------------
|
| SMTP when SMTP_HOST is set; otherwise every mail is written to the log,
| so a development server shows invite links without a mail server.
|
*/
const smtpHost = env.get('SMTP_HOST')

const mailConfig = defineConfig({
  default: smtpHost ? 'smtp' : 'log',
  from: { address: env.get('MAIL_FROM', 'parley@localhost'), name: 'Parley' },
  mailers: {
    smtp: transports.smtp({
      host: smtpHost ?? '127.0.0.1',
      port: env.get('SMTP_PORT', 587),
      ...(env.get('SMTP_USERNAME')
        ? {
            auth: {
              type: 'login' as const,
              user: env.get('SMTP_USERNAME')!,
              pass: env.get('SMTP_PASSWORD', ''),
            },
          }
        : {}),
    }),
    log: () => new LogTransport(),
  },
})

export default mailConfig

declare module '@adonisjs/mail/types' {
  export interface MailersList extends InferMailers<typeof mailConfig> {}
}
