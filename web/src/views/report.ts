import { h, toast } from '../dom'
import { state } from '../store'
import type { Message } from '../types'
import { moderation } from '../admin_api'
import { openDialog } from './dialogs'
import { problem } from './admin_kit'

/** Asks for a reason and reports a message to the organization's moderators. */
function reportDialog(message: Message) {
  const error = h('p', { class: 'form-error', role: 'alert' })
  const form = h(
    'form',
    { 'class': 'stack', 'aria-label': 'Report message' },
    h(
      'label',
      { class: 'field' },
      'Why should moderators look at it?',
      h('textarea', { name: 'reason', rows: 3, required: true, maxlength: 500 })
    ),
    h('button', { type: 'submit', class: 'primary' }, 'Send report')
  )
  const dialog = openDialog('Report message', error, form)
  form.addEventListener('submit', async (event) => {
    event.preventDefault()
    error.textContent = ''
    try {
      await moderation.report(message.id, String(new FormData(form).get('reason')).trim())
      dialog.close()
      toast('Reported: the moderators will look at it')
    } catch (caught) {
      error.textContent = problem(caught)
    }
  })
}

/** "Report", on other people's messages: any member may report one to the moderators. */
export function reportButton(message: Message) {
  if (message.senderId === state.me?.id || message.deletedAt) return null
  return h('button', { 'aria-label': 'Report', 'onclick': () => reportDialog(message) }, 'Report')
}
