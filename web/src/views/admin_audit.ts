import { h, mount } from '../dom'
import { nameOf, state } from '../store'
import { audit, type AuditEntry, type AuditFilters } from '../admin_api'
import type { PageContext } from './admin_pages'
import { guard, pager, table, text, when, who } from './admin_kit'

/** A day picked in a date field as the ISO time of its local midnight, `days` later. */
function dayStart(value: string, days = 0) {
  if (!value) return undefined
  const [year, month, day] = value.split('-').map(Number)
  return new Date(year, month - 1, day + days).toISOString()
}

/** What an entry is about, in words. */
function target(entry: AuditEntry) {
  if (!entry.targetId) return ''
  if (entry.targetType === 'user') return who(entry.targetId)
  return `${entry.targetType ?? 'item'} ${entry.targetId.slice(0, 8)}`
}

/** An entry's details, as compact `key: value` pairs. */
function details(entry: AuditEntry) {
  return Object.entries(entry.details ?? {})
    .map(([key, value]) => `${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(', ')
}

/**
 * The organization's audit log (owners and admins), newest first: filtered
 * by action (one, or a family such as `moderation.*`), by who acted and by
 * a range of days, a page at a time.
 */
export function auditPage({ orgId, error, body }: PageContext) {
  const act = guard(error)
  const results = h('div', { 'class': 'stack', 'aria-live': 'polite' })
  let filters: AuditFilters = {}

  const form = h(
    'form',
    { 'class': 'filters', 'aria-label': 'Audit log filters' },
    h(
      'label',
      { class: 'field' },
      'Action',
      h('input', {
        name: 'action',
        maxlength: 64,
        placeholder: 'org.member_role_changed or invite.*',
        pattern: '[a-z_]+(\\.([a-z_]+|\\*))?',
        title: 'An action such as bot.created, or a family such as moderation.*',
      })
    ),
    h(
      'label',
      { class: 'field' },
      'Actor',
      h(
        'select',
        { 'name': 'actorId', 'aria-label': 'Actor' },
        h('option', { value: '' }, 'Anyone'),
        state.members.map((m) => h('option', { value: m.userId }, nameOf(m.userId)))
      )
    ),
    h('label', { class: 'field' }, 'From', h('input', { name: 'since', type: 'date' })),
    h('label', { class: 'field' }, 'To', h('input', { name: 'until', type: 'date' })),
    h('button', { type: 'submit', class: 'primary' }, 'Apply filters')
  )

  const draw = async (page = 1) => {
    const { rows, meta } = await audit.list(orgId, { ...filters, page })
    mount(
      results,
      table(
        'Audit log entries',
        ['Time', 'Action', 'Actor', 'Target', 'Details', 'IP'],
        rows.map((entry) => [
          h('time', { datetime: entry.createdAt }, when(entry.createdAt)),
          h('code', {}, entry.action),
          text(entry.actorUserId ? who(entry.actorUserId) : entry.door),
          text(target(entry)),
          text(details(entry)),
          text(entry.ip ?? ''),
        ]),
        'No entries match these filters.'
      ),
      pager('Audit log pages', meta, (next) => void act(() => draw(next))())
    )
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault()
    const data = new FormData(form)
    const value = (name: string) => String(data.get(name) ?? '').trim()
    filters = {
      action: value('action') || undefined,
      actorId: value('actorId') || undefined,
      since: dayStart(value('since')),
      until: dayStart(value('until'), 1),
    }
    void act(() => draw())()
  })

  mount(body, form, results)
  void act(() => draw())()
}
