import https from 'node:https'
import { createSign } from 'node:crypto'
import type { Credential, GoogleOAuthAccessToken, ServiceAccount } from 'firebase-admin/app'

const TOKEN_URL = 'https://oauth2.googleapis.com/token'
const SCOPES = [
  'https://www.googleapis.com/auth/cloud-platform',
  'https://www.googleapis.com/auth/firebase.messaging',
]

const base64url = (value: string) => Buffer.from(value).toString('base64url')

/** POSTs a form through the agent and resolves with the status and parsed JSON body. */
function postForm(url: string, form: string, agent: https.Agent) {
  return new Promise<{ status: number; body: Record<string, unknown> }>((resolve, reject) => {
    const request = https.request(
      url,
      {
        method: 'POST',
        agent,
        timeout: 10_000,
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'content-length': Buffer.byteLength(form),
        },
      },
      (response) => {
        let raw = ''
        response.setEncoding('utf8')
        response.on('data', (chunk) => (raw += chunk))
        response.on('end', () => {
          try {
            resolve({ status: response.statusCode ?? 0, body: JSON.parse(raw) })
          } catch {
            reject(new Error(`OAuth token endpoint answered ${response.statusCode} without JSON`))
          }
        })
      }
    )
    request.on('timeout', () => request.destroy(new Error('OAuth token request timed out')))
    request.on('error', reject)
    request.end(form)
  })
}

/**
 * A service-account credential whose OAuth token exchange (a JWT signed
 * with the account's key, RFC 7523) goes through the plugin's agent. The
 * SDK's own `cert()` credential fetches tokens with google-auth-library,
 * which ignores the agent here, so `FCM_CONNECT_TO` and `FCM_CA_FILE` would
 * apply to sends but not to tokens. The SDK caches the token until shortly
 * before it expires.
 */
export class AgentServiceAccountCredential implements Credential {
  constructor(
    protected account: ServiceAccount,
    protected agent: https.Agent
  ) {}

  async getAccessToken(): Promise<GoogleOAuthAccessToken> {
    const now = Math.floor(Date.now() / 1000)
    const header = base64url(JSON.stringify({ alg: 'RS256', typ: 'JWT' }))
    const claims = base64url(
      JSON.stringify({
        iss: this.account.clientEmail,
        scope: SCOPES.join(' '),
        aud: TOKEN_URL,
        iat: now,
        exp: now + 3600,
      })
    )
    const signature = createSign('RSA-SHA256')
      .update(`${header}.${claims}`)
      .sign(this.account.privateKey!, 'base64url')
    const form = new URLSearchParams({
      grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
      assertion: `${header}.${claims}.${signature}`,
    }).toString()
    const { status, body } = await postForm(TOKEN_URL, form, this.agent)
    if (status !== 200 || typeof body.access_token !== 'string') {
      throw new Error(
        `OAuth token request failed (${status}): ${JSON.stringify(body.error ?? body)}`
      )
    }
    return { access_token: body.access_token, expires_in: Number(body.expires_in ?? 3600) }
  }
}
