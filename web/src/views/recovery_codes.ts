import { ApiError, post } from '../api'
import { h, mount } from '../dom'

/*
 * New recovery codes, in the Security dialog while two-factor authentication
 * is on: the password and a current code from the authenticator app (not a
 * recovery code) answer ten new codes, shown once; the old ones stop working.
 */

const message = (caught: unknown) =>
  caught instanceof ApiError ? caught.message : 'The server could not be reached'

/** The form, then the new codes in its place. */
export function recoveryCodesForm() {
  const error = h('p', { class: 'form-error', role: 'alert' })
  const form = h(
    'form',
    { 'class': 'stack', 'aria-label': 'New recovery codes' },
    h('p', {}, 'Used or lost some recovery codes? Get ten new ones; the old ones stop working.'),
    h(
      'label',
      { class: 'field' },
      'Password',
      h('input', { name: 'password', type: 'password', required: true })
    ),
    h(
      'label',
      { class: 'field' },
      'Code from your app',
      h('input', { name: 'code', inputmode: 'numeric', required: true })
    ),
    error,
    h('button', { type: 'submit' }, 'Get new recovery codes')
  )
  form.addEventListener('submit', async (event) => {
    event.preventDefault()
    try {
      const { recoveryCodes } = await post<{ recoveryCodes: string[] }>(
        '/auth/2fa/recovery-codes',
        Object.fromEntries(new FormData(form))
      )
      mount(
        form,
        h('p', {}, 'Your new recovery codes; keep them somewhere safe, each works once:'),
        h(
          'ul',
          { id: 'new-recovery-codes' },
          ...recoveryCodes.map((code) => h('li', {}, h('code', {}, code)))
        )
      )
    } catch (caught) {
      error.textContent = message(caught)
    }
  })
  return form
}
