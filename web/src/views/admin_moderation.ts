import { h, mount, toast } from '../dom'
import { loadMembers } from '../chat'
import { nameOf, state } from '../store'
import { moderation, type Report } from '../admin_api'
import type { PageContext } from './admin_pages'
import { guard, pager, roomName, table, text, when, who } from './admin_kit'
import { jumpTo } from './conversation_panels'

/** Mute lengths offered, in minutes. */
const DURATIONS: [string, number][] = [
  ['10 minutes', 10],
  ['1 hour', 60],
  ['1 day', 1440],
  ['1 week', 10_080],
  ['30 days', 43_200],
]

/** The reported message as the moderator may see it. */
function reported(report: Report) {
  const message = report.message
  if (!message) return 'The message is gone'
  const author = who(message.senderId)
  if (message.deleted) return `${author}: (deleted)`
  if (message.encrypted) return `${author}: (end-to-end encrypted, unreadable by the server)`
  return `${author}: ${message.content ?? ''}`
}

/** People the current user may act on: the other members, by name. */
const others = () =>
  state.members
    .filter((m) => m.userId !== state.me?.id && m.user)
    .sort((a, b) => nameOf(a.userId).localeCompare(nameOf(b.userId)))

const memberSelect = (label: string) =>
  h(
    'label',
    { class: 'field' },
    label,
    h(
      'select',
      { name: 'userId', required: true },
      others().map((m) => h('option', { value: m.userId }, nameOf(m.userId)))
    )
  )

const reasonField = () =>
  h(
    'label',
    { class: 'field' },
    'Reason (optional)',
    h('input', { name: 'reason', maxlength: 500 })
  )

/**
 * Moderation (moderators and up): the queue of reported messages (dismiss,
 * or mark it handled; go to the message when it is in one of my rooms),
 * muting members for a time and lifting mutes, and for owners and admins
 * banning and unbanning.
 */
export function moderationPage({ orgId, dialog, error, body }: PageContext) {
  const act = guard(error)
  const canBan = ['owner', 'admin'].includes(state.org?.role ?? '')
  const reports = h('div', { 'class': 'stack', 'aria-live': 'polite' })
  const mutes = h('div', { class: 'stack' })
  const bans = h('div', { class: 'stack' })
  let status: 'open' | 'resolved' = 'open'

  const resolveButton = (report: Report, resolution: 'dismissed' | 'actioned', label: string) =>
    h(
      'button',
      {
        'type': 'button',
        'class': 'small',
        'aria-label': `${label}: report of ${reported(report)}`,
        'onclick': act(async () => {
          await moderation.resolve(orgId, report.id, resolution)
          toast(resolution === 'dismissed' ? 'Report dismissed' : 'Report resolved')
          await drawReports()
        }),
      },
      label
    )

  const drawReports = async (page = 1) => {
    const { rows, meta } = await moderation.reports(orgId, status, page)
    const show = h(
      'select',
      {
        'aria-label': 'Show reports',
        'onchange': (event: Event) => {
          status = (event.target as HTMLSelectElement).value as 'open' | 'resolved'
          void act(() => drawReports())()
        },
      },
      h('option', { value: 'open', selected: status === 'open' }, 'Open'),
      h('option', { value: 'resolved', selected: status === 'resolved' }, 'Resolved')
    )
    mount(
      reports,
      h('label', { class: 'row pager' }, 'Show', show),
      h(
        'ul',
        { 'class': 'report-list', 'aria-label': 'Reports' },
        rows.length
          ? rows.map((report) =>
              h(
                'li',
                { class: 'stack tight' },
                h('blockquote', { class: 'reported' }, reported(report)),
                h(
                  'span',
                  { class: 'hint' },
                  `Reported by ${who(report.reporterId)} in ${roomName(report.roomId)}, ${when(report.createdAt)}: ${report.reason}`
                ),
                report.status === 'resolved'
                  ? h(
                      'span',
                      { class: 'hint' },
                      `${report.resolution} by ${who(report.resolvedById)} ${when(report.resolvedAt)}`
                    )
                  : h(
                      'span',
                      { class: 'row' },
                      report.message && state.rooms.has(report.roomId)
                        ? h(
                            'button',
                            {
                              type: 'button',
                              class: 'small',
                              onclick: () => {
                                dialog.close()
                                void jumpTo({
                                  id: report.messageId,
                                  roomId: report.roomId,
                                  seq: report.message!.seq,
                                })
                              },
                            },
                            'Go to message'
                          )
                        : null,
                      resolveButton(report, 'actioned', 'Resolve'),
                      resolveButton(report, 'dismissed', 'Dismiss')
                    )
              )
            )
          : h(
              'li',
              { class: 'hint' },
              status === 'open' ? 'No open reports.' : 'No resolved reports.'
            )
      ),
      pager('Report pages', meta, (next) => void act(() => drawReports(next))())
    )
  }

  const muteForm = h(
    'form',
    { 'class': 'filters', 'aria-label': 'Mute a member' },
    memberSelect('Member'),
    h(
      'label',
      { class: 'field' },
      'For',
      h(
        'select',
        { name: 'minutes' },
        DURATIONS.map(([label, minutes]) => h('option', { value: minutes }, label))
      )
    ),
    reasonField(),
    h('button', { type: 'submit', class: 'primary' }, 'Mute')
  )
  muteForm.addEventListener('submit', (event) => {
    event.preventDefault()
    const data = new FormData(muteForm)
    const userId = String(data.get('userId'))
    void act(async () => {
      const muted = await moderation.mute(
        orgId,
        userId,
        Number(data.get('minutes')),
        String(data.get('reason') ?? '').trim()
      )
      toast(`${nameOf(userId)} is muted until ${when(muted.mutedUntil)}`)
      await drawMutes()
    })()
  })

  const drawMutes = async () => {
    const rows = await moderation.mutes(orgId)
    mount(
      mutes,
      table(
        'Muted members',
        ['Member', 'Muted until', ''],
        rows.map((m) => [
          text(who(m.userId)),
          text(when(m.mutedUntil)),
          h(
            'button',
            {
              'type': 'button',
              'class': 'link',
              'aria-label': `Unmute ${who(m.userId)}`,
              'onclick': act(async () => {
                await moderation.unmute(orgId, m.userId)
                toast(`${who(m.userId)} may send again`)
                await drawMutes()
              }),
            },
            'Unmute'
          ),
        ]),
        'Nobody is muted.'
      ),
      muteForm
    )
  }

  const banForm = h(
    'form',
    { 'class': 'filters', 'aria-label': 'Ban a member' },
    memberSelect('Member to ban'),
    reasonField(),
    h('button', { type: 'submit', class: 'danger' }, 'Ban')
  )
  banForm.addEventListener('submit', (event) => {
    event.preventDefault()
    const data = new FormData(banForm)
    const userId = String(data.get('userId'))
    void act(async () => {
      if (!confirm(`Ban ${nameOf(userId)}? They are removed and cannot be invited back.`)) return
      await moderation.ban(orgId, userId, String(data.get('reason') ?? '').trim())
      toast(`${nameOf(userId)} is banned`)
      await loadMembers()
      await drawBans()
    })()
  })

  const drawBans = async () => {
    const rows = await moderation.bans(orgId)
    mount(
      bans,
      table(
        'Banned people',
        ['Person', 'Banned', 'By', 'Reason', ''],
        rows.map((ban) => [
          text(ban.user ? ban.user.displayName || ban.user.username : 'deleted account'),
          text(when(ban.createdAt)),
          text(who(ban.bannedById)),
          text(ban.reason ?? ''),
          h(
            'button',
            {
              'type': 'button',
              'class': 'link',
              'aria-label': `Unban ${ban.user?.username ?? ban.userId}`,
              'onclick': act(async () => {
                await moderation.unban(orgId, ban.userId)
                toast('Ban lifted: they can be invited again')
                await drawBans()
              }),
            },
            'Unban'
          ),
        ]),
        'Nobody is banned.'
      ),
      banForm
    )
  }

  mount(
    body,
    h('section', { class: 'stack' }, h('h3', {}, 'Reported messages'), reports),
    h('section', { class: 'stack' }, h('h3', {}, 'Mutes'), mutes),
    canBan ? h('section', { class: 'stack' }, h('h3', {}, 'Bans'), bans) : null
  )
  void act(async () => {
    await Promise.all([drawReports(), drawMutes(), canBan ? drawBans() : null])
  })()
}
