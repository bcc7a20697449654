import { h, mount, toast } from '../dom'
import { addRoomMembers } from '../chat'
import { state } from '../store'
import { bots, incomingWebhooks } from '../admin_api'
import type { PageContext } from './admin_pages'
import { groupRooms, guard, roomName, secretBox, table, text, when, who } from './admin_kit'

/**
 * Incoming webhooks (owners and admins): a secret URL whose JSON posts
 * (`{ "text": "…" }`) become messages of a bot in one room. The URL is shown
 * once, when created; the bot joins the room first if it is not in it.
 */
export function incomingWebhooksPage({ orgId, error, body }: PageContext) {
  const act = guard(error)
  const list = h('div', { class: 'stack' })
  const created = h('div', { 'class': 'stack', 'aria-live': 'polite' })
  const form = h('form', { 'class': 'stack', 'aria-label': 'New incoming webhook' })

  const drawHooks = async () => {
    const rows = await incomingWebhooks.list(orgId)
    mount(
      list,
      table(
        'Incoming webhooks',
        ['Name', 'Room', 'Posts as', 'Last used', ''],
        rows.map((hook) => [
          text(hook.name),
          text(roomName(hook.roomId)),
          text(who(hook.botId)),
          text(when(hook.lastUsedAt)),
          h(
            'button',
            {
              'type': 'button',
              'class': 'link',
              'aria-label': `Delete incoming webhook ${hook.name}`,
              'onclick': act(async () => {
                if (!confirm(`Delete ${hook.name}? Posts to its URL are refused from now on.`))
                  return
                await incomingWebhooks.remove(orgId, hook.id)
                toast(`${hook.name} deleted`)
                await drawHooks()
              }),
            },
            'Delete'
          ),
        ]),
        'No incoming webhooks yet.'
      )
    )
  }

  const drawForm = async () => {
    const botRows = await bots.list(orgId)
    const rooms = groupRooms()
    if (!botRows.length) {
      return mount(
        form,
        h(
          'p',
          { class: 'hint' },
          'Create a bot first (Bots & API keys): the posts appear as its messages.'
        )
      )
    }
    mount(
      form,
      h(
        'label',
        { class: 'field' },
        'Name',
        h('input', { name: 'name', required: true, maxlength: 100 })
      ),
      h(
        'label',
        { class: 'field' },
        'Room',
        h(
          'select',
          { name: 'roomId', required: true },
          rooms.map((room) => h('option', { value: room.id }, room.name ?? 'Untitled group'))
        )
      ),
      h(
        'label',
        { class: 'field' },
        'Post as bot',
        h(
          'select',
          { name: 'botId', required: true },
          botRows.map((bot) => h('option', { value: bot.id }, bot.displayName || bot.username))
        )
      ),
      h(
        'button',
        { type: 'submit', class: 'primary', disabled: !rooms.length },
        'Create incoming webhook'
      )
    )
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault()
    const data = new FormData(form)
    const input = {
      name: String(data.get('name')).trim(),
      roomId: String(data.get('roomId')),
      botId: String(data.get('botId')),
    }
    void act(async () => {
      const room = state.rooms.get(input.roomId)?.room
      if (room && !room.members.some((m) => m.userId === input.botId)) {
        await addRoomMembers(input.roomId, [input.botId])
      }
      const hook = await incomingWebhooks.create(orgId, input)
      mount(
        created,
        secretBox(
          `URL of ${hook.name}`,
          hook.url ?? '',
          'Copy this URL now: it is shown only once and anyone who has it can post. POST JSON { "text": "…" } to it.'
        )
      )
      form.reset()
      await drawHooks()
    })()
  })

  mount(
    body,
    h('section', { class: 'stack' }, h('h3', {}, 'Incoming webhooks'), list),
    created,
    h('section', { class: 'stack' }, h('h3', {}, 'New incoming webhook'), form)
  )
  void act(async () => {
    await Promise.all([drawHooks(), drawForm()])
  })()
}
