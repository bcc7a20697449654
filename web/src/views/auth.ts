import { ApiError, post, session } from '../api'
import { h, mount } from '../dom'
import { state } from '../store'
import type { Me } from '../types'
import { forgotPasswordForm } from './account'
import { ssoButton } from './sso'

/** Log in or register; calls `done` once a token is in the session. */
export function showAuth(root: HTMLElement, done: () => void) {
  let mode: 'login' | 'register' = 'login'
  let needsCode = false
  const invited = location.pathname.startsWith('/invites/')

  const render = () => {
    const error = h('p', { class: 'form-error', role: 'alert', id: 'auth-error' })
    const field = (
      label: string,
      name: string,
      type = 'text',
      extra: Record<string, unknown> = {}
    ) => h('label', { class: 'field' }, label, h('input', { name, type, required: true, ...extra }))
    const form = h(
      'form',
      { 'class': 'card auth', 'aria-labelledby': 'auth-title', 'aria-describedby': 'auth-error' },
      h('h1', { id: 'auth-title' }, mode === 'login' ? 'Log in to Parley' : 'Create your account'),
      invited
        ? h('p', { class: 'hint' }, 'Log in or register with the invited email to join.')
        : null,
      mode === 'register'
        ? [
            field('Email', 'email', 'email', { autocomplete: 'email' }),
            field('Username', 'username', 'text', { autocomplete: 'username', minlength: 3 }),
            field('Display name', 'displayName', 'text', { required: false }),
          ]
        : field('Email or username', 'login', 'text', { autocomplete: 'username' }),
      field('Password', 'password', 'password', {
        autocomplete: mode === 'login' ? 'current-password' : 'new-password',
        minlength: 8,
      }),
      needsCode
        ? field('Authentication code', 'code', 'text', {
            autocomplete: 'one-time-code',
            inputmode: 'numeric',
          })
        : null,
      error,
      h('button', { type: 'submit', class: 'primary' }, mode === 'login' ? 'Log in' : 'Register'),
      h(
        'button',
        {
          type: 'button',
          class: 'link',
          onclick: () => {
            mode = mode === 'login' ? 'register' : 'login'
            render()
          },
        },
        mode === 'login' ? 'New here? Create an account' : 'Have an account? Log in'
      ),
      mode === 'login'
        ? h(
            'button',
            {
              type: 'button',
              class: 'link',
              onclick: () =>
                mount(root, h('main', { class: 'centered' }, forgotPasswordForm(render))),
            },
            'Forgot your password?'
          )
        : null,
      mode === 'login' ? ssoButton() : null
    )
    form.addEventListener('submit', async (event) => {
      event.preventDefault()
      const data = Object.fromEntries(new FormData(form)) as Record<string, string>
      const button = form.querySelector<HTMLButtonElement>('button[type=submit]')!
      button.disabled = true
      try {
        const body =
          mode === 'register'
            ? {
                email: data.email,
                username: data.username,
                password: data.password,
                ...(data.displayName ? { displayName: data.displayName } : {}),
              }
            : {
                [data.login.includes('@') ? 'email' : 'username']: data.login,
                password: data.password,
                ...(data.code ? { code: data.code } : {}),
              }
        const result = await post<{ user: Me; token: string }>(`/auth/${mode}`, body)
        session.setToken(result.token)
        state.me = result.user
        done()
      } catch (caught) {
        if (caught instanceof ApiError && caught.code === 'E_TWO_FACTOR_REQUIRED' && !needsCode) {
          needsCode = true
          render()
          const again = root.querySelector<HTMLFormElement>('form.auth')!
          for (const [name, value] of Object.entries(data)) {
            const input = again.querySelector<HTMLInputElement>(`input[name=${name}]`)
            if (input) input.value = value
          }
          again.querySelector<HTMLInputElement>('input[name=code]')?.focus()
          return
        }
        error.textContent =
          caught instanceof ApiError ? caught.message : 'The server could not be reached'
        button.disabled = false
      }
    })
    mount(root, h('main', { class: 'centered' }, form))
    form.querySelector('input')?.focus()
  }
  render()
}
