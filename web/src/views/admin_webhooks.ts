import { h, mount, toast } from '../dom'
import { WEBHOOK_EVENTS, webhooks, type Webhook, type WebhookEvent } from '../admin_api'
import type { PageContext } from './admin_pages'
import { groupRooms, guard, pager, roomName, secretBox, table, text, when } from './admin_kit'

/** A webhook's state in words: enabled, or disabled with the server's reason. */
function stateOf(hook: Webhook) {
  if (hook.enabled) {
    return hook.consecutiveFailures
      ? `Enabled, ${hook.consecutiveFailures} failed deliveries in a row`
      : 'Enabled'
  }
  return `Disabled since ${when(hook.disabledAt)}${hook.disabledReason ? `: ${hook.disabledReason}` : ''}`
}

/** The form that creates a webhook, or edits one (its URL and events; the room filter is fixed). */
function webhookForm(
  editing: Webhook | null,
  save: (form: HTMLFormElement) => void,
  cancel: () => void
) {
  const form = h(
    'form',
    { 'class': 'stack', 'aria-label': editing ? 'Edit webhook' : 'New webhook' },
    h(
      'label',
      { class: 'field' },
      'Payload URL',
      h('input', {
        name: 'url',
        type: 'url',
        required: true,
        maxlength: 2048,
        placeholder: 'https://example.com/parley',
        value: editing?.url ?? '',
      })
    ),
    h(
      'fieldset',
      {},
      h('legend', {}, 'Events'),
      WEBHOOK_EVENTS.map((event) =>
        h(
          'label',
          { class: 'check' },
          h('input', {
            type: 'checkbox',
            name: 'events',
            value: event,
            checked: editing ? editing.events.includes(event) : event === 'message.created',
          }),
          event
        )
      )
    ),
    editing
      ? null
      : h(
          'fieldset',
          {},
          h('legend', {}, 'Only these rooms (none ticked: every room and organization events)'),
          groupRooms().map((room) =>
            h(
              'label',
              { class: 'check' },
              h('input', { type: 'checkbox', name: 'roomIds', value: room.id }),
              room.name ?? 'Untitled group'
            )
          )
        ),
    h(
      'div',
      { class: 'row' },
      h(
        'button',
        { type: 'submit', class: 'primary' },
        editing ? 'Save webhook' : 'Create webhook'
      ),
      editing ? h('button', { type: 'button', onclick: cancel }, 'Cancel') : null
    )
  )
  form.addEventListener('submit', (event) => {
    event.preventDefault()
    save(form)
  })
  return form
}

/**
 * Outgoing webhooks (owners and admins): subscribe a URL to events, with an
 * optional room filter; edit, delete, re-enable one the server disabled
 * (its reason is shown); and each webhook's deliveries, with their status,
 * attempts, the receiver's answer and the last error.
 */
export function webhooksPage({ orgId, error, body }: PageContext) {
  const act = guard(error)
  const list = h('ul', { 'class': 'hook-list', 'aria-label': 'Webhooks' })
  const editor = h('section', { class: 'stack' })
  const deliveries = h('section', { 'class': 'stack', 'aria-live': 'polite' })
  let watched: Webhook | null = null

  const drawDeliveries = async (page = 1) => {
    if (!watched) return mount(deliveries)
    const hook = watched
    const { rows, meta } = await webhooks.deliveries(orgId, hook.id, page)
    mount(
      deliveries,
      h('h3', {}, `Deliveries to ${hook.url}`),
      h(
        'div',
        { class: 'row' },
        h(
          'button',
          { type: 'button', class: 'small', onclick: act(() => drawDeliveries(meta.currentPage)) },
          'Refresh deliveries'
        )
      ),
      table(
        `Deliveries to ${hook.url}`,
        ['Time', 'Event', 'Status', 'Attempts', 'Answer', 'Last error'],
        rows.map((delivery) => [
          text(when(delivery.createdAt)),
          text(delivery.event),
          h('span', { class: `status-${delivery.status}` }, delivery.status),
          text(delivery.attempts),
          text(delivery.responseStatus ? `HTTP ${delivery.responseStatus}` : '—'),
          text(delivery.lastError ?? ''),
        ]),
        'No deliveries yet: they appear when a subscribed event happens.'
      ),
      pager('Delivery pages', meta, (next) => void act(() => drawDeliveries(next))())
    )
  }

  const save = (editing: Webhook | null) => (form: HTMLFormElement) => {
    const data = new FormData(form)
    const events = data.getAll('events').map(String) as WebhookEvent[]
    const roomIds = data.getAll('roomIds').map(String)
    const url = String(data.get('url')).trim()
    if (!events.length) {
      error.textContent = 'Tick at least one event'
      return
    }
    void act(async () => {
      if (editing) {
        await webhooks.update(orgId, editing.id, { url, events })
        toast('Webhook saved')
        drawEditor()
      } else {
        const created = await webhooks.create(orgId, {
          url,
          events,
          ...(roomIds.length ? { roomIds } : {}),
        })
        drawEditor(
          secretBox(
            'Signing secret',
            created.secret ?? '',
            'Copy it now: it is shown only once. Each delivery is signed with it (header X-Parley-Signature).'
          )
        )
      }
      await drawHooks()
    })()
  }

  const drawEditor = (shown?: Node, editing: Webhook | null = null) =>
    mount(
      editor,
      h('h3', {}, editing ? `Edit ${editing.url}` : 'New webhook'),
      shown ?? null,
      webhookForm(editing, save(editing), () => drawEditor())
    )

  const drawHooks = async () => {
    const rows = await webhooks.list(orgId)
    watched = rows.find((hook) => hook.id === watched?.id) ?? null
    mount(
      list,
      rows.length
        ? rows.map((hook) =>
            h(
              'li',
              { 'class': 'stack tight', 'data-enabled': String(hook.enabled) },
              h('strong', { class: 'hook-url' }, hook.url),
              h('span', { class: 'hint' }, `Events: ${hook.events.join(', ')}`),
              h(
                'span',
                { class: 'hint' },
                hook.roomIds ? `Rooms: ${hook.roomIds.map(roomName).join(', ')}` : 'Rooms: all'
              ),
              h('span', { class: hook.enabled ? 'hook-state' : 'hook-state off' }, stateOf(hook)),
              h(
                'span',
                { class: 'row' },
                h(
                  'button',
                  {
                    'type': 'button',
                    'class': 'link',
                    'aria-label': `Deliveries of ${hook.url}`,
                    'onclick': act(async () => {
                      watched = hook
                      await drawDeliveries()
                    }),
                  },
                  'Deliveries'
                ),
                h(
                  'button',
                  {
                    'type': 'button',
                    'class': 'link',
                    'aria-label': `Edit ${hook.url}`,
                    'onclick': () => {
                      drawEditor(undefined, hook)
                      editor.querySelector('input')?.focus()
                    },
                  },
                  'Edit'
                ),
                h(
                  'button',
                  {
                    'type': 'button',
                    'class': 'link',
                    'aria-label': `${hook.enabled ? 'Disable' : 'Re-enable'} ${hook.url}`,
                    'onclick': act(async () => {
                      await webhooks.update(orgId, hook.id, { enabled: !hook.enabled })
                      toast(hook.enabled ? 'Webhook disabled' : 'Webhook re-enabled')
                      await drawHooks()
                    }),
                  },
                  hook.enabled ? 'Disable' : 'Re-enable'
                ),
                h(
                  'button',
                  {
                    'type': 'button',
                    'class': 'link',
                    'aria-label': `Delete ${hook.url}`,
                    'onclick': act(async () => {
                      if (!confirm(`Delete the webhook to ${hook.url}?`)) return
                      await webhooks.remove(orgId, hook.id)
                      if (watched?.id === hook.id) watched = null
                      toast('Webhook deleted')
                      await drawHooks()
                      await drawDeliveries()
                    }),
                  },
                  'Delete'
                )
              )
            )
          )
        : h('li', { class: 'hint' }, 'No webhooks yet.')
    )
  }

  mount(body, h('section', { class: 'stack' }, h('h3', {}, 'Webhooks'), list), deliveries, editor)
  drawEditor()
  void act(drawHooks)()
}
