import { h, mount, toast } from '../dom'
import { addRoomMembers } from '../chat'
import { state } from '../store'
import { bots, slashCommands, type SlashCommandInput } from '../admin_api'
import type { PageContext } from './admin_pages'
import { groupRooms, guard, roomName, secretBox, table, text, who } from './admin_kit'

/**
 * Slash commands (owners and admins): `/name args` typed in a room is
 * POSTed, signed, to the command's endpoint, whose answer shows to the one
 * who ran it or is posted as the command's bot. The signing secret is shown
 * once, when the command is registered.
 */
export function commandsPage({ orgId, error, body }: PageContext) {
  const act = guard(error)
  const list = h('div', { class: 'stack' })
  const created = h('div', { 'class': 'stack', 'aria-live': 'polite' })
  const form = h('form', { 'class': 'stack', 'aria-label': 'New slash command' })

  const drawCommands = async () => {
    const rows = await slashCommands.list(orgId)
    mount(
      list,
      table(
        'Slash commands',
        ['Command', 'Endpoint', 'Answers as', 'Rooms', ''],
        rows.map((command) => [
          h(
            'span',
            { class: 'stack tight' },
            h('code', {}, `/${command.name}${command.usageHint ? ` ${command.usageHint}` : ''}`),
            command.description ? h('small', { class: 'hint' }, command.description) : null
          ),
          h('span', { class: 'hook-url' }, command.url),
          text(who(command.botId)),
          text(command.roomIds ? command.roomIds.map(roomName).join(', ') : 'Every room'),
          h(
            'button',
            {
              'type': 'button',
              'class': 'link',
              'aria-label': `Delete slash command /${command.name}`,
              'onclick': act(async () => {
                if (!confirm(`Delete /${command.name}? Running it is refused from now on.`)) return
                await slashCommands.remove(orgId, command.id)
                toast(`/${command.name} deleted`)
                await drawCommands()
              }),
            },
            'Delete'
          ),
        ]),
        'No slash commands yet.'
      )
    )
  }

  const field = (label: string, input: HTMLElement) => h('label', { class: 'field' }, label, input)

  const drawForm = async () => {
    const botRows = await bots.list(orgId)
    if (!botRows.length) {
      return mount(
        form,
        h(
          'p',
          { class: 'hint' },
          'Create a bot first (Bots & API keys): answers posted to a room appear as its messages.'
        )
      )
    }
    const rooms = groupRooms()
    mount(
      form,
      field(
        'Name (without the slash)',
        h('input', {
          name: 'name',
          required: true,
          maxlength: 32,
          pattern: '[a-z0-9][a-z0-9_\\-]{0,31}',
          title: 'Lowercase letters, digits, - and _',
          autocomplete: 'off',
        })
      ),
      field(
        'Endpoint URL',
        h('input', { name: 'url', type: 'url', required: true, maxlength: 2048 })
      ),
      field('Description (optional)', h('input', { name: 'description', maxlength: 200 })),
      field(
        'Usage hint (optional)',
        h('input', { name: 'usageHint', maxlength: 100, placeholder: '<service> <version>' })
      ),
      field(
        'Answers as bot',
        h(
          'select',
          { name: 'botId', required: true },
          botRows.map((bot) => h('option', { value: bot.id }, bot.displayName || bot.username))
        )
      ),
      h(
        'fieldset',
        { class: 'stack tight' },
        h('legend', {}, 'Only in these rooms (none checked: every room)'),
        rooms.length
          ? rooms.map((room) =>
              h(
                'label',
                { class: 'row' },
                h('input', { type: 'checkbox', name: 'roomIds', value: room.id }),
                room.name ?? 'Untitled group'
              )
            )
          : h('p', { class: 'hint' }, 'No group rooms yet.')
      ),
      h('button', { type: 'submit', class: 'primary' }, 'Register slash command')
    )
  }

  /** The form's values as the server takes them (empty optional fields left out). */
  const inputOf = (data: FormData): SlashCommandInput => {
    const optional = (key: string) => String(data.get(key) ?? '').trim() || undefined
    const roomIds = data.getAll('roomIds').map(String)
    return {
      name: String(data.get('name')).trim(),
      url: String(data.get('url')).trim(),
      botId: String(data.get('botId')),
      description: optional('description'),
      usageHint: optional('usageHint'),
      roomIds: roomIds.length ? roomIds : undefined,
    }
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault()
    const input = inputOf(new FormData(form))
    void act(async () => {
      for (const roomId of input.roomIds ?? []) {
        const room = state.rooms.get(roomId)?.room
        if (room && !room.members.some((m) => m.userId === input.botId)) {
          await addRoomMembers(roomId, [input.botId])
        }
      }
      const command = await slashCommands.create(orgId, input)
      mount(
        created,
        secretBox(
          `Signing secret of /${command.name}`,
          command.secret,
          'Copy this secret now: it is shown only once. The endpoint checks X-Parley-Signature with it.'
        )
      )
      form.reset()
      await drawCommands()
    })()
  })

  mount(
    body,
    h('section', { class: 'stack' }, h('h3', {}, 'Slash commands'), list),
    created,
    h(
      'section',
      { class: 'stack' },
      h('h3', {}, 'Register a slash command'),
      h(
        'p',
        { class: 'hint' },
        'Answers posted to the room appear as the bot, which must be a member of that room.'
      ),
      form
    )
  )
  void act(async () => {
    await Promise.all([drawCommands(), drawForm()])
  })()
}
