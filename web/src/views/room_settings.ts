import { ApiError } from '../api'
import { h, mount, toast } from '../dom'
import { addRoomMembers, canManage, muteRoom, removeRoomMember, updateRoom } from '../chat'
import { nameOf, roomTitle, state, subscribe } from '../store'
import type { Room } from '../types'
import { openDialog } from './dialogs'
import { avatar } from './avatar'
import { moderation } from '../admin_api'

const problem = (caught: unknown) =>
  caught instanceof ApiError ? caught.message : 'Something failed, try again'

/** Name and description of a group room, for those who manage it. */
function detailsForm(room: Room, error: HTMLElement) {
  const form = h(
    'form',
    { 'class': 'stack', 'aria-label': 'Room details' },
    h(
      'label',
      { class: 'field' },
      'Room name',
      h('input', { name: 'name', required: true, maxlength: 100, value: room.name ?? '' })
    ),
    h(
      'label',
      { class: 'field' },
      'Description',
      h('textarea', { name: 'description', rows: 2, maxlength: 500 }, room.description ?? '')
    ),
    h('button', { type: 'submit', class: 'primary' }, 'Save')
  )
  form.addEventListener('submit', async (event) => {
    event.preventDefault()
    const data = new FormData(form)
    const description = String(data.get('description') ?? '').trim()
    try {
      await updateRoom(room.id, {
        name: String(data.get('name')).trim(),
        description: description || null,
      })
      toast('Room details saved')
    } catch (caught) {
      error.textContent = problem(caught)
    }
  })
  return form
}

/** Slow-mode intervals offered, in seconds (0 turns it off). */
const SLOW_MODES: [string, number][] = [
  ['Off', 0],
  ['10 seconds', 10],
  ['30 seconds', 30],
  ['1 minute', 60],
  ['5 minutes', 300],
  ['15 minutes', 900],
  ['1 hour', 3600],
]

/** A slow-mode interval as the settings offer it ("1 minute"), else in seconds. */
export function intervalLabel(seconds: number) {
  return SLOW_MODES.find(([, value]) => value === seconds)?.[0] ?? `${seconds} seconds`
}

/**
 * Slow mode, for room admins and moderators: members below moderator may
 * send one message per interval. The form starts on the room's current
 * interval (`slowModeSeconds`; one set elsewhere is offered too).
 */
function slowModeForm(roomId: string, error: HTMLElement) {
  const current = state.rooms.get(roomId)?.room.slowModeSeconds ?? 0
  const offered = SLOW_MODES.some(([, value]) => value === current)
    ? SLOW_MODES
    : [...SLOW_MODES, [intervalLabel(current), current] as [string, number]]
  const form = h(
    'form',
    { 'class': 'filters', 'aria-label': 'Slow mode' },
    h(
      'label',
      { class: 'field' },
      'Slow mode: one message per',
      h(
        'select',
        { name: 'seconds' },
        offered.map(([label, seconds]) =>
          h('option', { value: seconds, selected: seconds === current }, label)
        )
      )
    ),
    h('button', { type: 'submit' }, 'Set slow mode')
  )
  form.addEventListener('submit', async (event) => {
    event.preventDefault()
    error.textContent = ''
    const select = form.querySelector('select')!
    try {
      await moderation.slowMode(roomId, Number(select.value))
      const label = select.selectedOptions[0]?.textContent ?? ''
      toast(select.value === '0' ? 'Slow mode is off' : `Slow mode: one message per ${label}`)
    } catch (caught) {
      error.textContent = problem(caught)
    }
  })
  return form
}

/**
 * The settings of a conversation: mute for everyone; for group rooms the
 * members, and for room admins and moderators renaming, describing, adding
 * and removing members and archiving. Anyone can leave a group room.
 */
export function roomSettingsDialog(roomId: string) {
  const entry = state.rooms.get(roomId)
  if (!entry) return
  const room = entry.room
  const manage = canManage(room)
  const error = h('p', { class: 'form-error', role: 'alert' })
  const members = h('section', { 'class': 'stack', 'aria-labelledby': 'room-members-title' })
  const adding = h('form', { 'class': 'stack', 'aria-label': 'Add members' })
  const act = (work: () => Promise<unknown>) => async () => {
    error.textContent = ''
    try {
      await work()
    } catch (caught) {
      error.textContent = problem(caught)
    }
  }

  const drawMembers = () => {
    const current = state.rooms.get(roomId)?.room
    if (!current) return
    mount(
      members,
      h('h3', { id: 'room-members-title' }, `Members (${current.memberCount})`),
      h(
        'ul',
        { class: 'member-list' },
        current.members.map((m) =>
          h(
            'li',
            {},
            h(
              'span',
              {},
              avatar(m.userId, 'small'),
              nameOf(m.userId),
              m.role === 'admin' ? ' (room admin)' : ''
            ),
            manage && m.userId !== state.me?.id
              ? h(
                  'button',
                  {
                    'type': 'button',
                    'class': 'link',
                    'aria-label': `Remove ${nameOf(m.userId)}`,
                    'onclick': act(() => removeRoomMember(roomId, m.userId)),
                  },
                  'Remove'
                )
              : null
          )
        )
      )
    )
    if (!manage) return
    const inRoom = new Set(current.members.map((m) => m.userId))
    const candidates = state.members.filter((m) => !inRoom.has(m.userId) && m.user)
    const checked = new Set(
      [...adding.querySelectorAll<HTMLInputElement>('input:checked')].map((i) => i.value)
    )
    mount(
      adding,
      h('h3', {}, 'Add members'),
      candidates.length
        ? candidates.map((m) =>
            h(
              'label',
              { class: 'check' },
              h('input', {
                type: 'checkbox',
                name: 'userIds',
                value: m.userId,
                checked: checked.has(m.userId),
              }),
              nameOf(m.userId)
            )
          )
        : h('p', { class: 'hint' }, 'Everyone in the organization is here.'),
      candidates.length ? h('button', { type: 'submit' }, 'Add to room') : null
    )
  }

  adding.addEventListener('submit', (event) => {
    event.preventDefault()
    const ids = new FormData(adding).getAll('userIds').map(String)
    if (ids.length) void act(() => addRoomMembers(roomId, ids))()
  })

  const visibility = (room as Room & { visibility?: string }).visibility
  const open = h('input', { type: 'checkbox', checked: visibility === 'public' })
  open.addEventListener(
    'change',
    act(async () => {
      await updateRoom(roomId, { visibility: open.checked ? 'public' : 'private' })
      toast(open.checked ? 'The room is public now' : 'The room is private now')
    })
  )

  const mute = h('input', { type: 'checkbox', checked: !!room.muted })
  mute.addEventListener(
    'change',
    act(() => muteRoom(roomId, mute.checked))
  )

  const group = room.type === 'group'
  const dialog = openDialog(
    `${roomTitle(room)}: settings`,
    error,
    group && manage ? detailsForm(room, error) : h('span'),
    group && !manage && room.description ? h('p', { class: 'hint' }, room.description) : h('span'),
    h('label', { class: 'check' }, mute, 'Mute this conversation (no notifications)'),
    group && manage
      ? h(
          'label',
          { class: 'check' },
          open,
          'Public: everyone in the organization can find and join it'
        )
      : h('span'),
    group ? members : h('span'),
    group && manage ? adding : h('span'),
    group && manage ? slowModeForm(roomId, error) : h('span'),
    group
      ? h(
          'div',
          { class: 'row' },
          h(
            'button',
            {
              type: 'button',
              onclick: act(async () => {
                if (!confirm(`Leave ${roomTitle(room)}?`)) return
                await removeRoomMember(roomId, state.me!.id)
                dialog.close()
              }),
            },
            'Leave room'
          ),
          manage
            ? h(
                'button',
                {
                  type: 'button',
                  class: 'danger',
                  onclick: act(async () => {
                    const archived = !state.rooms.get(roomId)?.room.archivedAt
                    if (archived && !confirm(`Archive ${roomTitle(room)}? Nobody can write in it.`))
                      return
                    await updateRoom(roomId, { archived })
                    dialog.close()
                  }),
                },
                room.archivedAt ? 'Unarchive room' : 'Archive room'
              )
            : null
        )
      : h('span')
  )
  drawMembers()
  const stopRooms = subscribe('rooms', drawMembers)
  const stopMembers = subscribe('presence', drawMembers)
  dialog.addEventListener('close', () => {
    stopRooms()
    stopMembers()
  })
}
