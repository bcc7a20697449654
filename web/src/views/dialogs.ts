import { ApiError } from '../api'
import { h, mount, shortTime, toast } from '../dom'
import {
  createGroup,
  createInvite,
  listNotifications,
  openDirect,
  openRoom,
  readAllNotifications,
  readNotification,
} from '../chat'
import { canModerate, nameOf, state, subscribe } from '../store'
import type { Invite, Notification, Organization } from '../types'
import { organizationForm } from './orgs'
import { publicRoomsSection } from './public_rooms'

/** A modal <dialog> (Escape closes it, focus stays inside), removed when closed. */
export function openDialog(title: string, ...content: Node[]) {
  const dialog = h(
    'dialog',
    { 'aria-labelledby': 'dialog-title' },
    h(
      'div',
      { class: 'dialog-head' },
      h('h2', { id: 'dialog-title' }, title),
      h('button', { 'class': 'link', 'onclick': () => dialog.close(), 'aria-label': 'Close' }, '✕')
    ),
    ...content
  )
  dialog.addEventListener('close', () => dialog.remove())
  document.body.append(dialog)
  dialog.showModal()
  return dialog
}

const message = (caught: unknown) =>
  caught instanceof ApiError ? caught.message : 'Something failed'

/** People of the organization other than the current user. */
const others = () => state.members.filter((m) => m.userId !== state.me?.id && m.user)

/** Start a direct conversation, or (moderators and up) a group room; people who join meanwhile appear. */
export function newConversationDialog() {
  const error = h('p', { class: 'form-error', role: 'alert' })
  const direct = h('form', { 'class': 'stack', 'aria-label': 'Direct message' })
  const members = h('fieldset', {})
  const drawDirect = () => {
    const people = others()
    const chosen = direct.querySelector('select')?.value
    mount(
      direct,
      h('h3', {}, 'Direct message'),
      people.length
        ? h(
            'label',
            { class: 'field' },
            'Person',
            h(
              'select',
              { name: 'userId', required: true },
              people.map((m) =>
                h('option', { value: m.userId, selected: m.userId === chosen }, nameOf(m.userId))
              )
            )
          )
        : h('p', { class: 'hint' }, 'Invite someone to this organization first.'),
      h('button', { type: 'submit', class: 'primary', disabled: !people.length }, 'Open')
    )
  }
  const drawMembers = () => {
    const checked = new Set(
      [...members.querySelectorAll<HTMLInputElement>('input:checked')].map((i) => i.value)
    )
    mount(
      members,
      h('legend', {}, 'Members'),
      others().map((m) =>
        h(
          'label',
          { class: 'check' },
          h('input', {
            type: 'checkbox',
            name: 'memberIds',
            value: m.userId,
            checked: checked.has(m.userId),
          }),
          nameOf(m.userId)
        )
      )
    )
  }
  drawDirect()
  drawMembers()
  const group = h(
    'form',
    { 'class': 'stack', 'aria-label': 'Group room' },
    h('h3', {}, 'Group room'),
    h(
      'label',
      { class: 'field' },
      'Name',
      h('input', { name: 'name', required: true, maxlength: 100 })
    ),
    h(
      'label',
      { class: 'field' },
      'Description',
      h('input', { name: 'description', maxlength: 500 })
    ),
    members,
    h(
      'label',
      { class: 'check' },
      h('input', { type: 'checkbox', name: 'public' }),
      'Public: everyone in the organization can find and join it'
    ),
    h('button', { type: 'submit', class: 'primary' }, 'Create group')
  )
  const dialog = openDialog(
    'New conversation',
    direct,
    canModerate() ? group : h('span'),
    error,
    publicRoomsSection(() => dialog.close())
  )
  const stop = subscribe('presence', () => {
    drawDirect()
    drawMembers()
  })
  dialog.addEventListener('close', stop)
  direct.addEventListener('submit', async (event) => {
    event.preventDefault()
    try {
      const roomId = await openDirect(String(new FormData(direct).get('userId')))
      // Closed as soon as the room exists: while the modal is open the page
      // behind it is inert, and a message typed there would go nowhere.
      dialog.close()
      await openRoom(roomId)
    } catch (caught) {
      error.textContent = message(caught)
    }
  })
  group.addEventListener('submit', async (event) => {
    event.preventDefault()
    const data = new FormData(group)
    try {
      const description = String(data.get('description') ?? '').trim()
      const roomId = await createGroup(
        String(data.get('name')),
        data.getAll('memberIds').map(String),
        description || undefined,
        data.get('public') ? 'public' : 'private'
      )
      dialog.close()
      await openRoom(roomId)
    } catch (caught) {
      error.textContent = message(caught)
    }
  })
}

/** Invite by email; shows the link to pass on (mail may not be configured). */
export function inviteDialog() {
  const result = h('div', { 'aria-live': 'polite' })
  const form = h(
    'form',
    { class: 'stack' },
    h(
      'label',
      { class: 'field' },
      'Email',
      h('input', { name: 'email', type: 'email', required: true })
    ),
    h(
      'label',
      { class: 'field' },
      'Role',
      h(
        'select',
        { name: 'role' },
        ['member', 'moderator', 'admin'].map((r) => h('option', { value: r }, r))
      )
    ),
    h('button', { type: 'submit', class: 'primary' }, 'Create invite'),
    result
  )
  form.addEventListener('submit', async (event) => {
    event.preventDefault()
    const data = new FormData(form)
    try {
      const invite = await createInvite(String(data.get('email')), String(data.get('role')))
      const link = h('input', {
        'readonly': true,
        'value': invite.link ?? '',
        'aria-label': 'Invite link',
        'class': 'invite-link',
      })
      mount(
        result,
        h('p', {}, `Invite for ${invite.email} (${mailNote(invite)}). Share this link:`),
        link,
        h(
          'button',
          {
            type: 'button',
            onclick: () =>
              void navigator.clipboard?.writeText(link.value).then(() => toast('Link copied')),
          },
          'Copy link'
        )
      )
      link.select()
    } catch (caught) {
      mount(result, h('p', { class: 'form-error', role: 'alert' }, message(caught)))
    }
  })
  openDialog(`Invite to ${state.org?.name}`, form)
}

function describe(n: Notification) {
  const room = n.roomId ? state.rooms.get(n.roomId)?.room : undefined
  const where = room ? (room.type === 'group' ? ` in ${room.name}` : '') : ''
  const what = n.type === 'mention' ? 'mentioned you' : 'sent you a message'
  return `${nameOf(n.actorId)} ${what}${where}`
}

/** The notification list; opening one marks it read and opens its room. */
export async function notificationsDialog() {
  const list = h('ul', { class: 'notifications', role: 'list' })
  const dialog = openDialog(
    'Notifications',
    h(
      'button',
      {
        class: 'link',
        onclick: async () => {
          await readAllNotifications()
          dialog.close()
        },
      },
      'Mark all as read'
    ),
    list
  )
  try {
    const items = await listNotifications()
    mount(
      list,
      items.length
        ? items.map((n) =>
            h(
              'li',
              {},
              h(
                'button',
                {
                  class: `notification${n.readAt ? '' : ' unread'}`,
                  onclick: async () => {
                    dialog.close()
                    await readNotification(n.id).catch(() => {})
                    if (n.roomId && state.rooms.has(n.roomId)) await openRoom(n.roomId)
                  },
                },
                h('span', {}, describe(n)),
                h('time', { datetime: n.createdAt }, shortTime(n.createdAt))
              )
            )
          )
        : h('li', { class: 'hint' }, 'Nothing yet.')
    )
  } catch (caught) {
    mount(list, h('li', { class: 'form-error' }, message(caught)))
  }
}

export function newOrganizationDialog(onCreated: (org: Organization) => void) {
  const dialog = openDialog(
    'New organization',
    organizationForm((org) => {
      dialog.close()
      onCreated(org)
    })
  )
}

/** What the inviter is told about the invite mail: only "emailed" once it was sent. */
export function mailNote(invite: Invite) {
  if (invite.emailSent) return 'emailed'
  switch (invite.mail?.status) {
    case 'queued':
      return 'email queued, not sent yet'
    case 'failed':
      return 'the email could not be sent'
    default:
      return 'not emailed: this server sends no mail'
  }
}
