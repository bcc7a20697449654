import { ApiError, get, post, session } from '../api'
import { h, mount } from '../dom'
import { state } from '../store'
import type { Me } from '../types'

/*
 * Single sign-on with the server's OpenID Connect provider: the login
 * screen's button (shown only when the server has SSO), and the page the
 * provider sends the browser back to (`/auth/oidc/callback?code&state&iss`),
 * which finishes the sign-in and goes on to the app, or shows why not.
 */

const CALLBACK_PATH = '/auth/oidc/callback'

const message = (caught: unknown) =>
  caught instanceof ApiError ? caught.message : 'The server could not be reached'

/** Asked once per page load: whether the server has SSO (its authorize door answers). */
let available: Promise<boolean> | undefined

/**
 * The "Sign in with single sign-on" button, inserted into `slot` once the
 * server says SSO is on. A click asks for a fresh authorization URL (its
 * state expires after minutes) and goes there.
 */
export function ssoButton() {
  const slot = h('div', { class: 'sso' })
  available ??= get<{ url: string }>('/auth/oidc/authorize').then(
    () => true,
    () => false
  )
  void available.then((on) => {
    if (!on) return
    const error = h('p', { class: 'form-error', role: 'alert' })
    const button = h('button', { type: 'button' }, 'Sign in with single sign-on')
    button.addEventListener('click', async () => {
      button.disabled = true
      try {
        const { url } = await get<{ url: string }>('/auth/oidc/authorize')
        location.assign(url)
      } catch (caught) {
        error.textContent = message(caught)
        button.disabled = false
      }
    })
    mount(slot, button, error)
  })
  return slot
}

/**
 * `/auth/oidc/callback`: trades the provider's parameters for a session and
 * calls `done` signed in, on `/`. A refusal by the provider (`error`) or by
 * Parley (a replayed or expired sign-in) is shown with a way back to the
 * login screen (`back`). Answers whether this was the callback page.
 */
export function ssoCallbackPage(root: HTMLElement, done: () => void, back: () => void) {
  if (location.pathname !== CALLBACK_PATH) return false
  const params = new URLSearchParams(location.search)
  history.replaceState(null, '', '/')
  const status = h('p', { role: 'status' }, 'Signing you in…')
  const card = h(
    'section',
    { 'class': 'card auth', 'aria-labelledby': 'sso-title' },
    h('h1', { id: 'sso-title' }, 'Single sign-on'),
    status
  )
  mount(root, h('main', { class: 'centered' }, card))

  const fail = (text: string) => {
    mount(
      card,
      h('h1', { id: 'sso-title' }, 'Single sign-on'),
      h('p', { class: 'form-error', role: 'alert' }, text),
      h('button', { type: 'button', class: 'primary', onclick: back }, 'Back to log in')
    )
  }
  const code = params.get('code')
  const stateParam = params.get('state')
  if (params.get('error') || !code || !stateParam) {
    const reason = params.get('error_description') ?? params.get('error')
    fail(
      reason
        ? `The identity provider did not sign you in: ${reason}`
        : 'The identity provider sent no sign-in; try again'
    )
    return true
  }
  const iss = params.get('iss')
  post<{ user: Me; token: string }>(CALLBACK_PATH, {
    code,
    state: stateParam,
    ...(iss ? { iss } : {}),
  }).then(
    (result) => {
      session.setToken(result.token)
      state.me = result.user
      done()
    },
    (caught) => fail(message(caught))
  )
  return true
}
