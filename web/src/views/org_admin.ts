import { ApiError, get, put, request } from '../api'
import { h, mount, toast } from '../dom'
import { loadMembers } from '../chat'
import { nameOf, state, subscribe } from '../store'
import type { Role } from '../types'
import { openDialog } from './dialogs'
import { mailState, pendingInvites } from '../api_more'
import { organizationSettingsForm } from './org_settings'
import { avatar } from './avatar'
import { adminNav } from './admin_pages'

interface Analytics {
  members: number
  activeUsers: { last7Days: number; last30Days: number }
  rooms: number
  messagesPerDay: { date: string; count: number }[]
}

const ROLES: Role[] = ['owner', 'admin', 'moderator', 'member']

const problem = (caught: unknown) =>
  caught instanceof ApiError ? caught.message : 'Something failed, try again'

/**
 * The organization's administration for owners and admins: members and
 * their roles (owners change roles), removals, invites and their state, and
 * the numbers of the last 30 days.
 */
export function organizationDialog() {
  const org = state.org!
  const owner = org.role === 'owner'
  const error = h('p', { class: 'form-error', role: 'alert' })
  const members = h('ul', { 'class': 'member-list', 'aria-label': 'Members' })
  const invites = h('ul', { 'class': 'member-list', 'aria-label': 'Pending invites' })
  const numbers = h('dl', { class: 'numbers' })
  const act = (work: () => Promise<unknown>) => async () => {
    error.textContent = ''
    try {
      await work()
    } catch (caught) {
      error.textContent = problem(caught)
    }
  }

  const drawMembers = () =>
    mount(
      members,
      state.members.map((m) => {
        const self = m.userId === state.me?.id
        const role = h(
          'select',
          { 'aria-label': `Role of ${nameOf(m.userId)}`, 'disabled': !owner },
          ROLES.map((r) => h('option', { value: r, selected: r === m.role }, r))
        )
        role.addEventListener(
          'change',
          act(async () => {
            await put(`/organizations/${org.id}/members/${m.userId}/role`, { role: role.value })
            await loadMembers()
            toast(`${nameOf(m.userId)} is now ${role.value}`)
          })
        )
        return h(
          'li',
          {},
          h('span', {}, avatar(m.userId, 'small'), nameOf(m.userId)),
          h(
            'span',
            { class: 'row' },
            role,
            self
              ? null
              : h(
                  'button',
                  {
                    'type': 'button',
                    'class': 'link',
                    'aria-label': `Remove ${nameOf(m.userId)} from ${org.name}`,
                    'onclick': act(async () => {
                      if (!confirm(`Remove ${nameOf(m.userId)} from ${org.name}?`)) return
                      await request('DELETE', `/organizations/${org.id}/members/${m.userId}`)
                      await loadMembers()
                    }),
                  },
                  'Remove'
                )
          )
        )
      })
    )

  /*
   * The state of each invite mail. No event announces a mail leaving, so
   * while one is queued the list is read again every few seconds.
   */
  let recheck: ReturnType<typeof setTimeout> | undefined
  const drawInvites = async () => {
    clearTimeout(recheck)
    const rows = await pendingInvites(org.id)
    if (!dialog.open) return
    if (rows.some((invite) => invite.mail?.status === 'queued')) {
      recheck = setTimeout(() => void drawInvites().catch(() => {}), 2000)
    }
    mount(
      invites,
      rows.length
        ? rows.map((invite) =>
            h(
              'li',
              { 'data-mail': invite.mail?.status ?? 'none' },
              h(
                'span',
                { class: 'stack tight' },
                h('span', {}, `${invite.email} (${invite.role}): ${invite.status}`),
                h('span', { class: 'hint invite-mail' }, mailState(invite))
              ),
              invite.status === 'pending'
                ? h(
                    'button',
                    {
                      'type': 'button',
                      'class': 'link',
                      'aria-label': `Revoke the invite of ${invite.email}`,
                      'onclick': act(async () => {
                        await request('DELETE', `/organizations/${org.id}/invites/${invite.id}`)
                        await drawInvites()
                      }),
                    },
                    'Revoke'
                  )
                : null
            )
          )
        : h('li', { class: 'hint' }, 'No pending invites.')
    )
  }

  const drawNumbers = async () => {
    const report = await get<Analytics>(`/organizations/${org.id}/analytics`)
    const messages = report.messagesPerDay.reduce((sum, day) => sum + day.count, 0)
    const pairs: [string, number][] = [
      ['Members', report.members],
      ['Active in the last 7 days', report.activeUsers.last7Days],
      ['Active in the last 30 days', report.activeUsers.last30Days],
      ['Rooms', report.rooms],
      ['Messages in the last 30 days', messages],
    ]
    mount(
      numbers,
      pairs.flatMap(([label, value]) => [h('dt', {}, label), h('dd', {}, String(value))])
    )
  }

  const dialog = openDialog(
    `${org.name}: organization`,
    adminNav('organization'),
    error,
    h(
      'section',
      { class: 'stack' },
      h('h3', {}, 'Settings'),
      organizationSettingsForm(org.id, error)
    ),
    h('section', { class: 'stack' }, h('h3', {}, 'Members'), members),
    h('section', { class: 'stack' }, h('h3', {}, 'Pending invites'), invites),
    h('section', { class: 'stack' }, h('h3', {}, 'Activity'), numbers)
  )
  drawMembers()
  void drawInvites().catch((caught) => (error.textContent = problem(caught)))
  void drawNumbers().catch((caught) => (error.textContent = problem(caught)))
  const stop = subscribe('presence', drawMembers)
  dialog.addEventListener('close', () => {
    stop()
    clearTimeout(recheck)
  })
}
