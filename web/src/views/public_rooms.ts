import { ApiError } from '../api'
import { h, mount } from '../dom'
import { joinPublicRoom, publicRooms, type PublicRoom } from '../api_more'
import { openRoom } from '../chat'
import { changed, upsertRoom } from '../store'

const problem = (caught: unknown) =>
  caught instanceof ApiError ? caught.message : 'Something failed, try again'

/**
 * The organization's public rooms, with a name filter: Join for those the
 * person is not in (the room opens with its history), Open for the others.
 * `done` closes whatever holds the list.
 */
export function publicRoomsSection(done: () => void) {
  const error = h('p', { class: 'form-error', role: 'alert' })
  const list = h('ul', { 'class': 'member-list', 'aria-label': 'Public rooms' })
  const filter = h('input', {
    'type': 'search',
    'aria-label': 'Filter public rooms by name',
    'placeholder': 'Filter by name',
    'maxlength': 100,
  })
  const go = async (room: PublicRoom) => {
    error.textContent = ''
    try {
      if (!room.joined) {
        upsertRoom(await joinPublicRoom(room.id))
        changed('rooms')
      }
      done()
      await openRoom(room.id)
    } catch (caught) {
      error.textContent = problem(caught)
    }
  }
  const draw = async () => {
    const rooms = await publicRooms(filter.value)
    mount(
      list,
      rooms.length
        ? rooms.map((room) =>
            h(
              'li',
              {},
              h(
                'span',
                { class: 'stack tight' },
                h('strong', {}, room.name ?? 'Untitled group'),
                h(
                  'span',
                  { class: 'hint' },
                  `${room.memberCount} member${room.memberCount === 1 ? '' : 's'}${room.description ? ` · ${room.description}` : ''}`
                )
              ),
              h(
                'button',
                {
                  'type': 'button',
                  'class': room.joined ? 'link' : 'primary small',
                  'aria-label': `${room.joined ? 'Open' : 'Join'} ${room.name ?? 'Untitled group'}`,
                  'onclick': () => void go(room),
                },
                room.joined ? 'Open' : 'Join'
              )
            )
          )
        : h('li', { class: 'hint' }, 'No public room yet.')
    )
  }
  let timer: ReturnType<typeof setTimeout> | undefined
  filter.addEventListener('input', () => {
    clearTimeout(timer)
    timer = setTimeout(() => void draw().catch((c) => (error.textContent = problem(c))), 200)
  })
  void draw().catch((caught) => (error.textContent = problem(caught)))
  return h('section', { class: 'stack' }, h('h3', {}, 'Public rooms'), filter, list, error)
}
