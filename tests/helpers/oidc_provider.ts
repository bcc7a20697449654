import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import Provider from 'oidc-provider'
import env from '#start/env'

/** A person at the test identity provider. */
export interface ProviderAccount {
  email: string
  email_verified: boolean
  preferred_username?: string
  name?: string
  groups?: string[]
}

export const CLIENT_ID = 'parley'
export const CLIENT_SECRET = 'parley-test-secret-that-is-long-enough'
export const REDIRECT_URI = 'http://localhost:3000/auth/oidc/callback'

/**
 * A real OpenID Connect provider (`oidc-provider`) in the test process on a
 * free loopback port, with its development login and consent screens, and
 * Parley configured to use it (OIDC_* env) until `close()`. The redirect
 * URI registered and configured is REDIRECT_URI, or `redirectUri` (the
 * browser tests send the browser back to the web client's own page).
 */
export async function startOidcProvider(
  accounts: Record<string, ProviderAccount>,
  options: { redirectUri?: string } = {}
) {
  const redirectUri = options.redirectUri ?? REDIRECT_URI
  let handler: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.end()
  const server = createServer((req, res) => handler(req, res))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: CLIENT_ID,
        client_secret: CLIENT_SECRET,
        redirect_uris: [redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    claims: {
      email: ['email', 'email_verified'],
      profile: ['preferred_username', 'name', 'groups'],
    },
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    async findAccount(_ctx, sub) {
      const account = accounts[sub]
      if (!account) return undefined
      return { accountId: sub, claims: async () => ({ sub, ...account }) }
    },
  })
  handler = provider.callback()
  const previous = Object.fromEntries(
    ['OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET', 'OIDC_REDIRECT_URI'].map((k) => [
      k,
      env.get(k as 'OIDC_ISSUER'),
    ])
  )
  env.set('OIDC_ISSUER', issuer)
  env.set('OIDC_CLIENT_ID', CLIENT_ID)
  env.set('OIDC_CLIENT_SECRET', CLIENT_SECRET)
  env.set('OIDC_REDIRECT_URI', redirectUri)

  return {
    issuer,
    async close() {
      for (const [key, value] of Object.entries(previous)) env.set(key, value ?? '')
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

/**
 * A browser at the provider: follows `authorizeUrl` with a cookie jar, logs
 * in as `accountId` on the development login form, consents, and answers the
 * parameters of the final redirect to Parley's redirect URI.
 */
export async function signInAt(authorizeUrl: string, accountId: string) {
  const jar = new Map<string, string>()
  const remember = (response: Response) => {
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';')
      const index = pair.indexOf('=')
      jar.set(pair.slice(0, index), pair.slice(index + 1))
    }
  }
  const cookies = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ')
  let url = authorizeUrl
  let body: URLSearchParams | undefined
  for (let hop = 0; hop < 20; hop++) {
    if (url.startsWith(REDIRECT_URI)) {
      return Object.fromEntries(new URL(url).searchParams) as Record<string, string>
    }
    const response = await fetch(url, {
      method: body ? 'POST' : 'GET',
      body,
      headers: { cookie: cookies() },
      redirect: 'manual',
    })
    remember(response)
    const location = response.headers.get('location')
    if (location) {
      url = new URL(location, url).href
      body = undefined
      await response.body?.cancel()
      continue
    }
    const page = await response.text()
    const prompt =
      /name="prompt" value="(\w+)"/.exec(page)?.[1] ??
      (page.includes('name="login"') ? 'login' : null)
    if (!prompt)
      throw new Error(`unexpected page at ${url}: ${response.status} ${page.slice(0, 300)}`)
    const action = /action="([^"]+)"/.exec(page)?.[1]
    url = new URL(action ?? url, url).href
    body = new URLSearchParams(
      prompt === 'login' ? { prompt, login: accountId, password: 'any' } : { prompt }
    )
  }
  throw new Error('too many redirects at the identity provider')
}
