import { h, mount } from '../dom'
import { orgExports } from '../admin_api'
import type { PageContext } from './admin_pages'
import { exportsPanel } from './exports_panel'

/**
 * The organization's exports (owners): start one, follow its progress, and
 * download the archive through its signed link while it is kept.
 */
export function exportsPage({ orgId, error, body }: PageContext) {
  mount(
    body,
    h(
      'section',
      { class: 'stack' },
      h('h3', {}, 'Organization exports'),
      h(
        'p',
        { class: 'hint' },
        'A zip of the rooms, members, messages (decrypted; end-to-end encrypted rooms stay ' +
          'ciphertext) and files. Each archive is kept for a day, then deleted.'
      ),
      exportsPanel(
        'organization export',
        {
          list: (page) => orgExports.list(orgId, page),
          start: () => orgExports.start(orgId),
          show: (exportId) => orgExports.show(orgId, exportId),
        },
        error
      )
    )
  )
}
