import { h, icon, mount } from '../dom'
import { canModerate, changed, state, subscribe } from '../store'
import type { Organization } from '../types'
import { sidebar } from './sidebar'
import { profileDialog } from './profile'
import { organizationDialog } from './org_admin'
import { openAdminPage } from './admin_pages'
import { updateTitle } from '../alerts'
import { roomView } from './room'
import {
  inviteDialog,
  newConversationDialog,
  newOrganizationDialog,
  notificationsDialog,
} from './dialogs'
import { securityDialog } from './account'

export interface ShellActions {
  switchOrganization(org: Organization): void
  logout(): void
}

const CONNECTION_TEXT = {
  online: 'Connected',
  connecting: 'Connecting…',
  offline: 'Offline, reconnecting…',
}

const myName = () => state.me?.displayName || state.me?.username || 'Profile'

/** The signed-in screen: header with organization switcher, conversations, the open room. */
export function showShell(root: HTMLElement, actions: ShellActions) {
  const orgSelect = h(
    'select',
    {
      id: 'org-select',
      onchange: (event: Event) => {
        const id = (event.target as HTMLSelectElement).value
        const org = state.orgs.find((o) => o.id === id)
        if (org) actions.switchOrganization(org)
      },
    },
    state.orgs.map((org) =>
      h('option', { value: org.id, selected: org.id === state.org?.id }, org.name)
    )
  )
  const connection = h('span', { class: 'connection', role: 'status' })
  const bellCount = h('span', { class: 'badge', hidden: true })
  const bell = h(
    'button',
    { 'class': 'icon', 'onclick': () => void notificationsDialog(), 'aria-label': 'Notifications' },
    icon('bell'),
    bellCount
  )
  const header = h(
    'header',
    { class: 'topbar' },
    h('span', { class: 'brand' }, 'Parley'),
    h('label', { class: 'org-switch' }, h('span', { class: 'sr-only' }, 'Organization'), orgSelect),
    h(
      'button',
      {
        'class': 'icon',
        'aria-label': 'New organization',
        'title': 'New organization',
        'onclick': () => newOrganizationDialog(actions.switchOrganization),
      },
      icon('plus')
    ),
    h('span', { class: 'spacer' }),
    connection,
    canModerate() ? h('button', { onclick: inviteDialog }, 'Invite') : null,
    ['owner', 'admin'].includes(state.org?.role ?? '')
      ? h('button', { onclick: organizationDialog }, 'Organization')
      : null,
    state.org?.role === 'moderator'
      ? h('button', { onclick: () => openAdminPage('moderation') }, 'Moderation')
      : null,
    bell,
    h('button', { class: 'link', onclick: securityDialog }, 'Security'),
    h(
      'button',
      {
        'class': 'link',
        'onclick': () => void profileDialog(),
        'aria-label': `${myName()}, profile and settings`,
      },
      myName()
    ),
    h(
      'button',
      { class: 'link', onclick: actions.logout, title: `Signed in as ${state.me?.username}` },
      'Log out'
    )
  )
  const layout = h(
    'div',
    { class: 'layout' },
    sidebar(newConversationDialog),
    roomView(() => {
      state.currentRoomId = null
      changed('room')
      changed('rooms')
    })
  )
  mount(root, header, layout)

  const drawConnection = () => {
    connection.textContent = CONNECTION_TEXT[state.connection]
    connection.dataset.state = state.connection
  }
  const drawBell = () => {
    const count = state.unreadNotifications
    bellCount.hidden = !count
    bellCount.textContent = String(count)
    bell.setAttribute('aria-label', count ? `Notifications, ${count} unread` : 'Notifications')
  }
  subscribe('connection', drawConnection)
  subscribe('rooms', updateTitle)
  updateTitle()
  subscribe('notifications', drawBell)
  subscribe('room', () => (layout.dataset.view = state.currentRoomId ? 'room' : 'list'))
  layout.dataset.view = 'list'
  drawConnection()
  drawBell()
}
