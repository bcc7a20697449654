import { ApiError, get, post, request } from '../api'
import { h, mount, shortTime, toast } from '../dom'
import { state } from '../store'
import type { Session } from '../types'
import { openDialog } from './dialogs'
import { recoveryCodesForm } from './recovery_codes'
import { myExports } from '../admin_api'
import { exportsPanel } from './exports_panel'

/*
 * Account security screens: my sessions (revoke one or all others),
 * two-factor setup and removal, and the pages mailed links open (verify an
 * address, set a new password).
 */

const message = (caught: unknown) =>
  caught instanceof ApiError ? caught.message : 'The server could not be reached'

function sessionList(list: HTMLElement) {
  const load = async () => {
    const sessions = await get<Session[]>('/auth/sessions')
    mount(
      list,
      ...sessions.map((s) =>
        h(
          'li',
          { 'class': 'session', 'data-session': s.id },
          h('span', {}, s.userAgent ?? s.name ?? 'Unknown device'),
          h('small', {}, ` ${s.ip ?? ''} · since ${shortTime(s.createdAt)}`),
          s.current
            ? h('strong', {}, ' (this session)')
            : h(
                'button',
                {
                  class: 'link',
                  onclick: async () => {
                    await request('DELETE', `/auth/sessions/${s.id}`)
                    await load()
                  },
                },
                'Revoke'
              )
        )
      )
    )
  }
  return load
}

function twoFactorSection(section: HTMLElement) {
  const error = h('p', { class: 'form-error', role: 'alert' })
  const render = () => {
    if (state.me?.twoFactorEnabled) {
      const form = h(
        'form',
        { 'class': 'stack', 'aria-label': 'Turn off two-factor authentication' },
        h('p', {}, 'Two-factor authentication is on.'),
        h(
          'label',
          { class: 'field' },
          'Password',
          h('input', { name: 'password', type: 'password', required: true })
        ),
        h(
          'label',
          { class: 'field' },
          'Code or recovery code',
          h('input', { name: 'code', required: true })
        ),
        error,
        h('button', { type: 'submit' }, 'Turn off')
      )
      form.addEventListener('submit', async (event) => {
        event.preventDefault()
        const data = Object.fromEntries(new FormData(form))
        try {
          await post('/auth/2fa/disable', data)
          state.me!.twoFactorEnabled = false
          toast('Two-factor authentication is off')
          render()
        } catch (caught) {
          error.textContent = message(caught)
        }
      })
      return mount(section, form, recoveryCodesForm())
    }
    const start = h('button', { type: 'button' }, 'Set up two-factor authentication')
    start.addEventListener('click', async () => {
      const { secret, otpauthUrl } = await post<{ secret: string; otpauthUrl: string }>(
        '/auth/2fa/setup'
      )
      const form = h(
        'form',
        { 'class': 'stack', 'aria-label': 'Confirm two-factor authentication' },
        h('p', {}, 'Add this key to your authenticator app, then enter the code it shows.'),
        h('code', { id: 'totp-secret' }, secret),
        h('a', { href: otpauthUrl }, 'Open in an authenticator app'),
        h(
          'label',
          { class: 'field' },
          'Code',
          h('input', { name: 'code', inputmode: 'numeric', required: true })
        ),
        error,
        h('button', { type: 'submit', class: 'primary' }, 'Turn on')
      )
      form.addEventListener('submit', async (event) => {
        event.preventDefault()
        try {
          const { recoveryCodes } = await post<{ recoveryCodes: string[] }>('/auth/2fa/enable', {
            code: String(new FormData(form).get('code')),
          })
          state.me!.twoFactorEnabled = true
          mount(
            section,
            h(
              'p',
              {},
              'Two-factor authentication is on. Keep these recovery codes somewhere safe; each works once:'
            ),
            h(
              'ul',
              { id: 'recovery-codes' },
              ...recoveryCodes.map((code) => h('li', {}, h('code', {}, code)))
            )
          )
        } catch (caught) {
          error.textContent = message(caught)
        }
      })
      mount(section, form)
    })
    mount(section, start)
  }
  render()
}

/** "Download my data": a zip of the user's profile, own messages and files (GDPR art. 20). */
function myDataSection() {
  const error = h('p', { class: 'form-error', role: 'alert' })
  return h(
    'section',
    { 'class': 'stack', 'aria-label': 'Download my data' },
    h(
      'p',
      { class: 'hint' },
      'A zip of your profile, your organizations, every message you sent and the files you ' +
        'uploaded; nobody else’s messages. Each archive is kept for a day.'
    ),
    error,
    exportsPanel('data export', myExports, error)
  )
}

/** The security dialog: sessions, two-factor authentication, and a download of my data. */
export function securityDialog() {
  const list = h('ul', { 'class': 'sessions', 'aria-label': 'Sessions' })
  const load = sessionList(list)
  const others = h('button', { type: 'button' }, 'Sign out all other sessions')
  others.addEventListener('click', async () => {
    const { revoked } = await post<{ revoked: number }>('/auth/sessions/revoke-others')
    toast(`${revoked} other session(s) signed out`)
    await load()
  })
  const twoFactor = h('section', { 'aria-label': 'Two-factor authentication' })
  twoFactorSection(twoFactor)
  openDialog(
    'Security',
    h('h3', {}, 'Sessions'),
    list,
    others,
    h('h3', {}, 'Two-factor authentication'),
    twoFactor,
    h('h3', {}, 'Download my data'),
    myDataSection()
  )
  void load().catch((caught) => toast(message(caught), 'error'))
}

/** `/verify-email/:token`: verifies the address, then goes on to the app. */
export async function verifyEmailFromLink() {
  const match = /^\/verify-email\/([^/]+)$/.exec(location.pathname)
  if (!match) return
  history.replaceState(null, '', '/')
  try {
    await post('/auth/email/verify', { token: match[1] })
    if (state.me) state.me.emailVerified = true
    toast('Your email address is verified')
  } catch (caught) {
    toast(message(caught), 'error')
  }
}

/** `/reset-password/:token`: a form for the new password; `done` shows the login. */
export function resetPasswordPage(root: HTMLElement, done: () => void) {
  const match = /^\/reset-password\/([^/]+)$/.exec(location.pathname)
  if (!match) return false
  const error = h('p', { class: 'form-error', role: 'alert' })
  const form = h(
    'form',
    { 'class': 'card auth', 'aria-labelledby': 'reset-title' },
    h('h1', { id: 'reset-title' }, 'Choose a new password'),
    h(
      'label',
      { class: 'field' },
      'New password',
      h('input', {
        name: 'password',
        type: 'password',
        minlength: 8,
        required: true,
        autocomplete: 'new-password',
      })
    ),
    error,
    h('button', { type: 'submit', class: 'primary' }, 'Set password')
  )
  form.addEventListener('submit', async (event) => {
    event.preventDefault()
    try {
      await post('/auth/password/reset', {
        token: match[1],
        password: new FormData(form).get('password'),
      })
      history.replaceState(null, '', '/')
      toast('Your password is set; every session was signed out. Log in again.')
      done()
    } catch (caught) {
      error.textContent = message(caught)
    }
  })
  mount(root, h('main', { class: 'centered' }, form))
  return true
}

/** The "forgot password" form of the login screen. */
export function forgotPasswordForm(back: () => void) {
  const note = h('p', { class: 'hint', role: 'status' })
  const form = h(
    'form',
    { 'class': 'card auth', 'aria-labelledby': 'forgot-title' },
    h('h1', { id: 'forgot-title' }, 'Reset your password'),
    h(
      'label',
      { class: 'field' },
      'Email',
      h('input', { name: 'email', type: 'email', required: true })
    ),
    note,
    h('button', { type: 'submit', class: 'primary' }, 'Send a reset link'),
    h('button', { type: 'button', class: 'link', onclick: back }, 'Back to log in')
  )
  form.addEventListener('submit', async (event) => {
    event.preventDefault()
    try {
      await post('/auth/password/forgot', { email: new FormData(form).get('email') })
      note.textContent = 'If an account has this address, a reset link is on its way.'
    } catch (caught) {
      note.textContent = message(caught)
    }
  })
  return form
}
