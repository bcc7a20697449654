import { h } from '../dom'
import { state } from '../store'
import type { Role } from '../types'
import { openDialog } from './dialogs'
import { organizationDialog } from './org_admin'
import { botsPage } from './admin_bots'
import { webhooksPage } from './admin_webhooks'
import { incomingWebhooksPage } from './admin_incoming'
import { auditPage } from './admin_audit'
import { moderationPage } from './admin_moderation'
import { retentionPage } from './admin_retention'
import { commandsPage } from './admin_commands'
import { exportsPage } from './admin_exports'

/*
 * The organization's admin area: one navigation, shown at the top of every
 * page, listing the pages the current role may open (the server refuses the
 * others anyway: 403 below the role each route needs).
 */

/** What a page draws into: its dialog, and the alert its errors go to. */
export interface PageContext {
  orgId: string
  dialog: HTMLDialogElement
  error: HTMLElement
  body: HTMLElement
}

export type AdminPageId =
  | 'organization'
  | 'bots'
  | 'webhooks'
  | 'incoming'
  | 'commands'
  | 'audit'
  | 'moderation'
  | 'retention'
  | 'exports'

interface AdminPage {
  label: string
  roles: Role[]
  draw?: (page: PageContext) => void
}

const ADMINS: Role[] = ['owner', 'admin']

const PAGES: Record<AdminPageId, AdminPage> = {
  organization: { label: 'Organization', roles: ADMINS },
  bots: { label: 'Bots & API keys', roles: ADMINS, draw: botsPage },
  webhooks: { label: 'Outgoing webhooks', roles: ADMINS, draw: webhooksPage },
  incoming: { label: 'Incoming webhooks', roles: ADMINS, draw: incomingWebhooksPage },
  commands: { label: 'Slash commands', roles: ADMINS, draw: commandsPage },
  audit: { label: 'Audit log', roles: ADMINS, draw: auditPage },
  moderation: { label: 'Moderation', roles: [...ADMINS, 'moderator'], draw: moderationPage },
  retention: { label: 'Retention', roles: ADMINS, draw: retentionPage },
  exports: { label: 'Exports', roles: ['owner'], draw: exportsPage },
}

/** The admin pages the current user's role may open, in menu order. */
export function adminPagesForMe(): AdminPageId[] {
  const role = state.org?.role as Role | undefined
  return (Object.keys(PAGES) as AdminPageId[]).filter(
    (id) => role && PAGES[id].roles.includes(role)
  )
}

/** The admin navigation; the current page is marked (aria-current). */
export function adminNav(current: AdminPageId) {
  const pages = adminPagesForMe()
  if (pages.length < 2) return h('span')
  return h(
    'nav',
    { 'class': 'admin-nav', 'aria-label': 'Administration' },
    h(
      'ul',
      { class: 'row' },
      pages.map((id) =>
        h(
          'li',
          {},
          h(
            'button',
            {
              'type': 'button',
              'class': id === current ? 'small current' : 'small',
              'aria-current': id === current ? 'page' : false,
              'onclick': () => openAdminPage(id),
            },
            PAGES[id].label
          )
        )
      )
    )
  )
}

/** Opens an admin page in place of the dialog that is open (one admin dialog at a time). */
export function openAdminPage(id: AdminPageId) {
  for (const open of document.querySelectorAll('dialog[open]')) (open as HTMLDialogElement).close()
  if (id === 'organization') return organizationDialog()
  const org = state.org!
  const page = PAGES[id]
  const error = h('p', { class: 'form-error', role: 'alert' })
  const body = h('div', { class: 'stack' })
  const dialog = openDialog(`${org.name}: ${page.label}`, adminNav(id), error, body)
  dialog.classList.add('admin-page')
  page.draw!({ orgId: org.id, dialog, error, body })
  return dialog
}
