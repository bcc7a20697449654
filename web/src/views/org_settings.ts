import { ApiError } from '../api'
import { h, mount, toast } from '../dom'
import { organizationDetails, updateOrganization, type OrganizationDetails } from '../api_more'
import { changed, state } from '../store'

const problem = (caught: unknown) =>
  caught instanceof ApiError ? caught.message : 'Something failed, try again'

/** Shows a new organization name wherever the client already drew the old one. */
function renamed(org: OrganizationDetails) {
  for (const known of [state.org, ...state.orgs]) if (known?.id === org.id) known.name = org.name
  const option = document.querySelector<HTMLOptionElement>(`#org-select option[value="${org.id}"]`)
  if (option) option.textContent = org.name
  const title = document.querySelector('dialog #dialog-title')
  if (title) title.textContent = `${org.name}: organization`
  changed('rooms')
}

/**
 * The organization's settings for owners and admins: its name, a
 * description, a member limit, whether @here and @all may be used, and
 * whether members need two-factor authentication. Read from the server when
 * drawn, so it shows what is stored, not what this client remembers.
 */
export function organizationSettingsForm(orgId: string, error: HTMLElement) {
  const form = h('form', { 'class': 'stack', 'aria-label': 'Organization settings' })
  const draw = (org: OrganizationDetails) =>
    mount(
      form,
      h(
        'label',
        { class: 'field' },
        'Organization name',
        h('input', { name: 'name', required: true, maxlength: 100, value: org.name })
      ),
      h(
        'label',
        { class: 'field' },
        'Organization description',
        h('textarea', { name: 'description', rows: 2, maxlength: 1000 }, org.settings.description)
      ),
      h(
        'label',
        { class: 'field' },
        'Member limit (empty for none)',
        h('input', {
          name: 'maxMembers',
          type: 'number',
          min: 1,
          max: 100000,
          value: org.settings.maxMembers ?? '',
        })
      ),
      h(
        'label',
        { class: 'check' },
        h('input', {
          type: 'checkbox',
          name: 'allowChannelMentions',
          checked: org.settings.allowChannelMentions,
        }),
        'Members may notify a whole room with @here and @all'
      ),
      h(
        'label',
        { class: 'check' },
        h('input', {
          type: 'checkbox',
          name: 'requireTwoFactor',
          checked: org.settings.requireTwoFactor,
        }),
        'Require two-factor authentication of every member'
      ),
      h('button', { type: 'submit', class: 'primary' }, 'Save settings')
    )
  form.addEventListener('submit', async (event) => {
    event.preventDefault()
    error.textContent = ''
    const data = new FormData(form)
    const limit = String(data.get('maxMembers') ?? '').trim()
    const description = String(data.get('description') ?? '').trim()
    try {
      const org = await updateOrganization(orgId, {
        name: String(data.get('name')).trim(),
        settings: {
          description: description || null,
          maxMembers: limit ? Number(limit) : null,
          allowChannelMentions: data.get('allowChannelMentions') !== null,
          requireTwoFactor: data.get('requireTwoFactor') !== null,
        },
      })
      renamed(org)
      draw(org)
      toast('Organization settings saved')
    } catch (caught) {
      error.textContent = problem(caught)
    }
  })
  organizationDetails(orgId)
    .then(draw)
    .catch((caught) => (error.textContent = problem(caught)))
  return form
}
