import { createServer, type Socket } from 'node:net'
import type { AddressInfo } from 'node:net'
import { SMTPServer } from 'smtp-server'
import { simpleParser, type ParsedMail } from 'mailparser'
import mail from '@adonisjs/mail/services/main'
import env from '#start/env'

/** A real SMTP server in the test process, on a free port of 127.0.0.1. */
export interface TestSmtp {
  port: number
  /** Mails accepted so far, parsed (text, HTML, headers). */
  received: ParsedMail[]
  /** Every RCPT TO the server saw, accepted or refused: one per delivery attempt. */
  attempts: number
  close(): Promise<void>
}

/**
 * Starts an SMTP server (the `smtp-server` package) without TLS or AUTH.
 * With `refuse`, every recipient is refused with that reply (a 4xx is a
 * temporary failure a sender should retry).
 */
export async function startSmtp(options: { refuse?: string } = {}): Promise<TestSmtp> {
  const state = { received: [] as ParsedMail[], attempts: 0 }
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    authOptional: true,
    logger: false,
    onRcptTo(_address, _session, callback) {
      state.attempts++
      if (!options.refuse) return callback()
      const error = Object.assign(new Error(options.refuse), { responseCode: 451 })
      callback(error)
    },
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          state.received.push(parsed)
          callback()
        })
        .catch(callback)
    },
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.server.address() as AddressInfo).port
  return {
    port,
    get received() {
      return state.received
    },
    get attempts() {
      return state.attempts
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

/**
 * A TCP server that accepts connections and never says a word: an SMTP
 * server that hangs before its greeting. `close` drops the held connections.
 */
export async function startStalledSmtp() {
  const sockets: Socket[] = []
  const server = createServer((socket) => {
    sockets.push(socket)
    socket.on('error', () => {})
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    port: (server.address() as AddressInfo).port,
    get connections() {
      return sockets.length
    },
    async close() {
      sockets.forEach((socket) => socket.destroy())
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

/**
 * Points Parley's SMTP transport at a test server for one test, as if
 * SMTP_HOST and SMTP_PORT were set; returns the undo.
 */
export async function useSmtp(port: number) {
  env.set('SMTP_HOST', '127.0.0.1')
  env.set('SMTP_PORT', String(port))
  await mail.close('smtp')
  return async () => {
    env.set('SMTP_HOST', '')
    await mail.close('smtp')
  }
}
