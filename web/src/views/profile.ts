import { ApiError, put } from '../api'
import { h, mount, toast } from '../dom'
import { enableNotifications, notificationPermission } from '../alerts'
import { changed, rememberUsers, state } from '../store'
import type { Me } from '../types'
import { openDialog } from './dialogs'
import { avatar } from './avatar'
import { uploadAvatar } from '../api_more'

const problem = (caught: unknown) =>
  caught instanceof ApiError ? caught.message : 'Something failed, try again'

const PERMISSION_TEXT = {
  granted: 'Desktop notifications are on.',
  denied: 'Desktop notifications are blocked in this browser’s site settings.',
  default: 'Desktop notifications are off.',
  unsupported: 'This browser cannot show desktop notifications.',
}

/** Desktop notification status, with the button that asks for permission. */
export function notificationSetting(onChange: () => void = () => {}) {
  const box = h('div', { 'class': 'stack', 'aria-live': 'polite' })
  const draw = () => {
    const permission = notificationPermission()
    mount(
      box,
      h('p', { class: 'hint' }, PERMISSION_TEXT[permission]),
      permission === 'default'
        ? h(
            'button',
            {
              type: 'button',
              onclick: async () => {
                await enableNotifications()
                draw()
                onChange()
              },
            },
            'Turn on desktop notifications'
          )
        : null
    )
  }
  draw()
  return box
}

/** The signed-in person's picture, with a file picker that replaces it at once. */
function pictureSection(error: HTMLElement) {
  const preview = h('span', {}, avatar(state.me!.id, 'large'))
  const file = h('input', { type: 'file', accept: 'image/*', class: 'sr-only', id: 'avatar-file' })
  file.addEventListener('change', async () => {
    const chosen = file.files?.[0]
    file.value = ''
    if (!chosen) return
    error.textContent = ''
    try {
      const updated = await uploadAvatar(chosen)
      state.me = { ...state.me!, ...updated }
      rememberUsers([updated])
      mount(preview, avatar(updated.id, 'large'))
      changed('rooms')
      changed('room', state.currentRoomId ?? undefined)
      changed('presence')
      toast('Picture saved')
    } catch (caught) {
      error.textContent = problem(caught)
    }
  })
  return h(
    'section',
    { class: 'stack' },
    h('h3', {}, 'Picture'),
    h(
      'div',
      { class: 'row' },
      preview,
      h('label', { for: 'avatar-file', class: 'button' }, 'Choose a picture'),
      file
    ),
    h('p', { class: 'hint' }, 'An image up to 5 MB; people in your organizations see it.')
  )
}

/** The profile and settings of the signed-in person: name, username, password, notifications. */
export function profileDialog() {
  const me = state.me!
  const error = h('p', { class: 'form-error', role: 'alert' })
  const profile = h(
    'form',
    { 'class': 'stack', 'aria-label': 'Profile' },
    h('h3', {}, 'Profile'),
    h('p', { class: 'hint' }, `Signed in as ${me.email}`),
    h(
      'label',
      { class: 'field' },
      'Display name',
      h('input', { name: 'displayName', maxlength: 100, value: me.displayName ?? '' })
    ),
    h(
      'label',
      { class: 'field' },
      'Username',
      h('input', { name: 'username', required: true, minlength: 3, value: me.username })
    ),
    h('button', { type: 'submit', class: 'primary' }, 'Save profile')
  )
  const password = h(
    'form',
    { 'class': 'stack', 'aria-label': 'Password' },
    h('h3', {}, 'Password'),
    h(
      'label',
      { class: 'field' },
      'Current password',
      h('input', {
        name: 'currentPassword',
        type: 'password',
        required: true,
        autocomplete: 'current-password',
      })
    ),
    h(
      'label',
      { class: 'field' },
      'New password',
      h('input', {
        name: 'password',
        type: 'password',
        required: true,
        minlength: 8,
        autocomplete: 'new-password',
      })
    ),
    h('button', { type: 'submit' }, 'Change password')
  )
  const dialog = openDialog(
    'Profile and settings',
    error,
    pictureSection(error),
    profile,
    password,
    h('section', { class: 'stack' }, h('h3', {}, 'Notifications'), notificationSetting()),
    h(
      'section',
      { class: 'stack' },
      h('h3', {}, 'Appearance'),
      h('p', { class: 'hint' }, 'The light or dark theme follows your system setting.')
    )
  )
  profile.addEventListener('submit', async (event) => {
    event.preventDefault()
    const data = new FormData(profile)
    const displayName = String(data.get('displayName') ?? '').trim()
    try {
      const updated = await put<Me>('/users/me', {
        displayName: displayName || null,
        username: String(data.get('username')).trim(),
      })
      state.me = { ...state.me!, ...updated }
      rememberUsers([updated])
      changed('rooms')
      changed('presence')
      toast('Profile saved')
    } catch (caught) {
      error.textContent = problem(caught)
    }
  })
  password.addEventListener('submit', async (event) => {
    event.preventDefault()
    const data = new FormData(password)
    try {
      await put('/users/me', {
        currentPassword: String(data.get('currentPassword')),
        password: String(data.get('password')),
      })
      password.reset()
      toast('Password changed')
    } catch (caught) {
      error.textContent = problem(caught)
    }
  })
  return dialog
}
