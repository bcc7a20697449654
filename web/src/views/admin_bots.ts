import { h, mount, toast } from '../dom'
import { loadMembers } from '../chat'
import { bots, type Bot } from '../admin_api'
import type { PageContext } from './admin_pages'
import { guard, secretBox, table, text, when } from './admin_kit'

const botName = (bot: Bot) =>
  bot.displayName ? `${bot.displayName} (@${bot.username})` : `@${bot.username}`

/**
 * Bots and their API keys (owners and admins): create a bot, create a key
 * (its secret shown once, with a copy button), see when each key was last
 * used, revoke a key, delete a bot (its keys stop working at once).
 */
export function botsPage({ orgId, error, body }: PageContext) {
  const act = guard(error)
  const list = h('ul', { 'class': 'member-list', 'aria-label': 'Bots' })
  const keys = h('section', { 'class': 'stack', 'aria-live': 'polite' })
  let chosen: Bot | null = null

  const drawKeys = async (fresh?: Node) => {
    if (!chosen) return mount(keys)
    const bot = chosen
    const rows = await bots.keys(orgId, bot.id)
    const form = h(
      'form',
      { 'class': 'filters', 'aria-label': `New API key for ${botName(bot)}` },
      h(
        'label',
        { class: 'field' },
        'Key name',
        h('input', { name: 'name', required: true, maxlength: 100, placeholder: 'CI deploys' })
      ),
      h('button', { type: 'submit', class: 'primary' }, 'Create key')
    )
    form.addEventListener('submit', (event) => {
      event.preventDefault()
      const name = String(new FormData(form).get('name')).trim()
      void act(async () => {
        const key = await bots.createKey(orgId, bot.id, name)
        await drawKeys(
          secretBox(
            `API key ${key.name}`,
            key.secret ?? '',
            'Copy this key now: it is shown only once. Requests send it as "Authorization: Bearer <key>".'
          )
        )
      })()
    })
    mount(
      keys,
      h('h3', {}, `API keys of ${botName(bot)}`),
      fresh ?? null,
      table(
        `API keys of ${botName(bot)}`,
        ['Name', 'Created', 'Last used', ''],
        rows.map((key) => [
          text(key.name),
          text(when(key.createdAt)),
          text(when(key.lastUsedAt)),
          h(
            'button',
            {
              'type': 'button',
              'class': 'link',
              'aria-label': `Revoke key ${key.name}`,
              'onclick': act(async () => {
                if (!confirm(`Revoke the key ${key.name}? Programs using it are refused at once.`))
                  return
                await bots.revokeKey(orgId, bot.id, key.id)
                toast(`Key ${key.name} revoked`)
                await drawKeys()
              }),
            },
            'Revoke'
          ),
        ]),
        'No API keys yet: the bot cannot act until it has one.'
      ),
      form
    )
  }

  const drawBots = async () => {
    const rows = await bots.list(orgId)
    if (chosen && !rows.some((bot) => bot.id === chosen!.id)) chosen = null
    mount(
      list,
      rows.length
        ? rows.map((bot) =>
            h(
              'li',
              {},
              h(
                'span',
                {},
                botName(bot),
                h('span', { class: 'hint' }, ` · created ${when(bot.createdAt)}`)
              ),
              h(
                'span',
                { class: 'row' },
                h(
                  'button',
                  {
                    'type': 'button',
                    'class': 'link',
                    'aria-label': `API keys of ${botName(bot)}`,
                    'aria-pressed': chosen?.id === bot.id ? 'true' : 'false',
                    'onclick': act(async () => {
                      chosen = bot
                      await drawBots()
                      await drawKeys()
                    }),
                  },
                  'API keys'
                ),
                h(
                  'button',
                  {
                    'type': 'button',
                    'class': 'link',
                    'aria-label': `Delete bot ${botName(bot)}`,
                    'onclick': act(async () => {
                      if (
                        !confirm(
                          `Delete ${botName(bot)}? Its keys and incoming webhooks stop working.`
                        )
                      )
                        return
                      await bots.remove(orgId, bot.id)
                      toast(`${botName(bot)} deleted`)
                      await drawBots()
                      await drawKeys()
                      await loadMembers()
                    }),
                  },
                  'Delete'
                )
              )
            )
          )
        : h('li', { class: 'hint' }, 'No bots yet.')
    )
  }

  const create = h(
    'form',
    { 'class': 'stack', 'aria-label': 'New bot' },
    h(
      'label',
      { class: 'field' },
      'Bot username',
      h('input', { name: 'username', required: true, minlength: 3, maxlength: 32 })
    ),
    h(
      'label',
      { class: 'field' },
      'Display name (optional)',
      h('input', { name: 'displayName', maxlength: 100 })
    ),
    h('button', { type: 'submit', class: 'primary' }, 'Create bot')
  )
  create.addEventListener('submit', (event) => {
    event.preventDefault()
    const data = new FormData(create)
    const displayName = String(data.get('displayName') ?? '').trim()
    void act(async () => {
      const bot = await bots.create(orgId, {
        username: String(data.get('username')).trim(),
        ...(displayName ? { displayName } : {}),
      })
      create.reset()
      toast(`${botName(bot)} created: give it an API key`)
      chosen = bot
      await drawBots()
      await drawKeys()
      await loadMembers()
    })()
  })

  mount(
    body,
    h('section', { class: 'stack' }, h('h3', {}, 'Bots'), list),
    keys,
    h('section', { class: 'stack' }, h('h3', {}, 'New bot'), create)
  )
  void act(drawBots)()
}
