import { h, mount, toast } from '../dom'
import { retention, type RetentionPolicy } from '../admin_api'
import type { PageContext } from './admin_pages'
import { groupRooms, guard, roomName, table, text } from './admin_kit'

const MAX_DAYS = 36_500

/** Days from a field: a whole number, or null (keep forever) when empty. */
const daysOf = (value: FormDataEntryValue | null) => {
  const trimmed = String(value ?? '').trim()
  return trimmed ? Number(trimmed) : null
}

const daysInput = (label: string, value: number | null) =>
  h(
    'label',
    { class: 'field' },
    label,
    h('input', { name: 'days', type: 'number', min: 1, max: MAX_DAYS, step: 1, value: value ?? '' })
  )

/**
 * Retention (owners and admins): how many days messages and files are kept
 * in the organization, a room's own number of days, and a dry run counting
 * what the next scheduled run would delete, without deleting it.
 */
export function retentionPage({ orgId, error, body }: PageContext) {
  const act = guard(error)
  const orgForm = h('form', { 'class': 'stack', 'aria-label': 'Organization retention' })
  const rooms = h('div', { class: 'stack' })
  const preview = h('p', { class: 'preview', role: 'status' })

  const draw = (policy: RetentionPolicy) => {
    mount(
      orgForm,
      daysInput('Keep messages and files for (days; empty keeps them forever)', policy.days),
      h('button', { type: 'submit', class: 'primary' }, 'Save retention')
    )
    const roomForm = h(
      'form',
      { 'class': 'filters', 'aria-label': 'Room retention' },
      h(
        'label',
        { class: 'field' },
        'Room',
        h(
          'select',
          { name: 'roomId', required: true },
          groupRooms().map((room) => h('option', { value: room.id }, room.name ?? 'Untitled group'))
        )
      ),
      daysInput('Days (empty: the organization’s)', null),
      h('button', { type: 'submit' }, 'Set room retention')
    )
    roomForm.addEventListener('submit', (event) => {
      event.preventDefault()
      const data = new FormData(roomForm)
      void act(async () => {
        draw(await retention.setRoom(orgId, String(data.get('roomId')), daysOf(data.get('days'))))
        toast('Room retention saved')
      })()
    })
    mount(
      rooms,
      table(
        'Rooms with their own retention',
        ['Room', 'Days', ''],
        policy.rooms.map((room) => [
          text(roomName(room.roomId)),
          text(room.days),
          h(
            'button',
            {
              'type': 'button',
              'class': 'link',
              'aria-label': `Remove override of ${roomName(room.roomId)}`,
              'onclick': act(async () => {
                draw(await retention.setRoom(orgId, room.roomId, null))
                toast('The room follows the organization again')
              }),
            },
            'Remove override'
          ),
        ]),
        'Every room follows the organization.'
      ),
      roomForm
    )
  }

  orgForm.addEventListener('submit', (event) => {
    event.preventDefault()
    const days = daysOf(new FormData(orgForm).get('days'))
    void act(async () => {
      draw(await retention.set(orgId, days))
      preview.textContent = ''
      toast(days ? `Messages are kept for ${days} days` : 'Messages are kept forever')
    })()
  })

  const dryRun = h(
    'button',
    {
      type: 'button',
      onclick: act(async () => {
        preview.textContent = 'Counting…'
        const count = await retention.preview(orgId)
        preview.textContent =
          `The next run would delete ${count.messages} messages and ${count.files} files ` +
          `in ${count.rooms} rooms.`
      }),
    },
    'Preview the next run'
  )

  mount(
    body,
    h('section', { class: 'stack' }, h('h3', {}, 'Organization'), orgForm),
    h('section', { class: 'stack' }, h('h3', {}, 'Rooms'), rooms),
    h(
      'section',
      { class: 'stack' },
      h('h3', {}, 'Dry run'),
      h(
        'p',
        { class: 'hint' },
        'Counts what the scheduled run would delete now, deleting nothing.'
      ),
      dryRun,
      preview
    )
  )
  void act(async () => draw(await retention.show(orgId)))()
}
