import https from 'node:https'
import { createVerify, type KeyObject } from 'node:crypto'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { AddressInfo } from 'node:net'

/*
 * A fake FCM for push-fcm's tests: an HTTPS server whose certificate (for
 * fcm.googleapis.com and oauth2.googleapis.com) is issued by a CA made here
 * with the openssl CLI. The plugin's agent trusts that CA through
 * FCM_CA_FILE and verifies the certificate as in production. It answers
 * Google's OAuth token endpoint and FCM v1 `messages:send`.
 */

/** One `messages:send` request the fake received. */
export interface ReceivedPush {
  token: string
  status: number
  message: Record<string, any>
  raw: string
}

export const FAKE_ACCESS_TOKEN = 'fake-access-token'

function openssl(dir: string, args: string[]) {
  execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' })
}

/** Creates the CA and the server certificate; returns their PEMs and the directory. */
export function localCa() {
  const dir = mkdtempSync(join(tmpdir(), 'parley-fcm-ca-'))
  openssl(dir, [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    'ca.key',
    '-out',
    'ca.pem',
    '-days',
    '1',
    '-subj',
    '/CN=Parley Test CA',
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
  ])
  openssl(dir, [
    'req',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    'server.key',
    '-out',
    'server.csr',
    '-subj',
    '/CN=fcm.googleapis.com',
  ])
  writeFileSync(
    join(dir, 'ext.cnf'),
    'subjectAltName=DNS:fcm.googleapis.com,DNS:oauth2.googleapis.com,DNS:*.googleapis.com\n' +
      'basicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n'
  )
  openssl(dir, [
    'x509',
    '-req',
    '-in',
    'server.csr',
    '-CA',
    'ca.pem',
    '-CAkey',
    'ca.key',
    '-CAcreateserial',
    '-out',
    'server.pem',
    '-days',
    '1',
    '-extfile',
    'ext.cnf',
  ])
  return {
    dir,
    caFile: join(dir, 'ca.pem'),
    key: readFileSync(join(dir, 'server.key')),
    cert: readFileSync(join(dir, 'server.pem')),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  }
}

function errorBody(status: number, code: string, errorCode?: string) {
  const details = errorCode
    ? [{ '@type': 'type.googleapis.com/google.firebase.fcm.v1.FcmError', errorCode }]
    : []
  return { error: { code: status, message: `fake ${code}`, status: code, details } }
}

/** Scripted answers per token: 'ok', 503 or 'UNREGISTERED', consumed in order, then 'ok'. */
export type Answer = 'ok' | 503 | 'UNREGISTERED'

/** Starts the fake FCM; `received` lists every send, `script` sets answers per token. */
export async function startFakeFcm(
  tls: { key: Buffer; cert: Buffer },
  projectId: string,
  serviceAccountKey: KeyObject
) {
  const received: ReceivedPush[] = []
  const script = new Map<string, Answer[]>()
  let tokenRequests = 0
  const server = https.createServer(tls, (request, response) => {
    let raw = ''
    request.on('data', (chunk) => (raw += chunk))
    request.on('end', () => {
      const reply = (status: number, body: object) => {
        response.writeHead(status, { 'content-type': 'application/json' })
        response.end(JSON.stringify(body))
      }
      if (request.url === '/token' && request.headers.host === 'oauth2.googleapis.com') {
        tokenRequests++
        const form = new URLSearchParams(raw)
        const [header, claims, signature] = (form.get('assertion') ?? '').split('.')
        const signed = createVerify('RSA-SHA256')
          .update(`${header}.${claims}`)
          .verify(serviceAccountKey, signature ?? '', 'base64url')
        const grant = form.get('grant_type')
        if (!signed || grant !== 'urn:ietf:params:oauth:grant-type:jwt-bearer') {
          return reply(400, { error: 'invalid_grant' })
        }
        return reply(200, {
          access_token: FAKE_ACCESS_TOKEN,
          expires_in: 3600,
          token_type: 'Bearer',
        })
      }
      if (request.url !== `/v1/projects/${projectId}/messages:send`) return reply(404, {})
      if (request.headers.authorization !== `Bearer ${FAKE_ACCESS_TOKEN}`) {
        return reply(401, errorBody(401, 'UNAUTHENTICATED'))
      }
      const message = JSON.parse(raw).message
      const answer = script.get(message.token)?.shift() ?? 'ok'
      const status = answer === 'ok' ? 200 : answer === 503 ? 503 : 404
      received.push({ token: message.token, status, message, raw })
      if (answer === 503) return reply(503, errorBody(503, 'UNAVAILABLE'))
      if (answer === 'UNREGISTERED') return reply(404, errorBody(404, 'NOT_FOUND', 'UNREGISTERED'))
      reply(200, { name: `projects/${projectId}/messages/${received.length}` })
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    port: (server.address() as AddressInfo).port,
    received,
    script,
    tokenRequests: () => tokenRequests,
    sentTo: (token: string) => received.filter((push) => push.token === token),
    close: () => {
      server.closeAllConnections()
      return new Promise((resolve) => server.close(resolve))
    },
  }
}
