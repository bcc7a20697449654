import { ApiError } from '../api'
import { h, mount } from '../dom'
import { createOrganization } from '../chat'
import type { Organization } from '../types'

/** A form that creates an organization; used on first login and from the header. */
export function organizationForm(onCreated: (org: Organization) => void) {
  const error = h('p', { class: 'form-error', role: 'alert' })
  const form = h(
    'form',
    { 'class': 'stack', 'aria-label': 'New organization' },
    h(
      'label',
      { class: 'field' },
      'Organization name',
      h('input', { name: 'name', required: true, maxlength: 100 })
    ),
    error,
    h('button', { type: 'submit', class: 'primary' }, 'Create organization')
  )
  form.addEventListener('submit', async (event) => {
    event.preventDefault()
    const name = String(new FormData(form).get('name') ?? '').trim()
    try {
      onCreated(await createOrganization(name))
    } catch (caught) {
      error.textContent = caught instanceof ApiError ? caught.message : 'Could not create it'
    }
  })
  return form
}

/** The screen of a user without organizations: create one, or open an invite link. */
export function showOrganizations(root: HTMLElement, onPick: (org: Organization) => void) {
  mount(
    root,
    h(
      'main',
      { class: 'centered' },
      h(
        'section',
        { 'class': 'card', 'aria-labelledby': 'orgs-title' },
        h('h1', { id: 'orgs-title' }, 'Create an organization'),
        h(
          'p',
          { class: 'hint' },
          'Organizations hold your rooms and people. Invited to one? Open the invite link you got.'
        ),
        organizationForm(onPick)
      )
    )
  )
  root.querySelector('input')?.focus()
}
