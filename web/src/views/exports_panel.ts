import { h, mount, toast } from '../dom'
import type { DataExport, PageMeta } from '../admin_api'
import { guard, pager, table, text, when } from './admin_kit'

/*
 * An export list with its Start button, shared by the organization's
 * Exports page (owners) and "Download my data" (everyone): each export's
 * state in words (building with its percentage, ready with a Download link,
 * failed with the reason, expired), polled while one is still building.
 */

/** The calls of one kind of export (the organization's, or the user's own). */
export interface ExportCalls {
  list: (page: number) => Promise<{ rows: DataExport[]; meta: PageMeta }>
  start: () => Promise<DataExport>
  show: (exportId: string) => Promise<DataExport>
}

/** How long to wait between two status polls of a building export. */
const POLL_MS = 1000

/** An export still in progress (polled until it settles). */
const building = (item: DataExport) => item.status === 'queued' || item.status === 'running'

/** The percentage of a build, 0–100 (0 while its total is not known yet). */
export function percent(item: DataExport) {
  const { done, total } = item.progress
  return total > 0 ? Math.min(100, Math.floor((done / total) * 100)) : 0
}

/** A byte count for people (kB, MB). */
function size(bytes: number | null) {
  if (bytes === null) return ''
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} kB`
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`
}

/** The state cell: words, a progress bar, or the download link. */
function stateOf(item: DataExport, label: string): Node {
  if (item.status === 'queued') return text('Queued')
  if (item.status === 'running') {
    const value = percent(item)
    return h(
      'span',
      { class: 'row' },
      h('progress', { 'max': 100, 'value': value, 'aria-label': `${label}: building` }),
      h('span', {}, `Building ${value}%`)
    )
  }
  if (item.status === 'ready' && item.download) {
    return h(
      'a',
      {
        'href': new URL(item.download.url, location.origin).href,
        'download': '',
        'aria-label': `Download ${label}`,
      },
      'Download'
    )
  }
  if (item.status === 'failed') {
    return h('span', { class: 'status-failed' }, `Failed: ${item.error ?? 'no reason given'}`)
  }
  return text('Expired')
}

/**
 * The list of exports and the button that starts one. `what` names an
 * export in labels ("organization export"); the panel polls each building
 * export until it settles, and stops when it leaves the page.
 */
export function exportsPanel(what: string, calls: ExportCalls, error: HTMLElement) {
  const act = guard(error)
  const list = h('div', { 'class': 'stack', 'aria-live': 'polite' })
  const status = h('p', { class: 'hint', role: 'status' })
  const panel = h('div', { class: 'stack' })
  let page = 1
  let timer: ReturnType<typeof setTimeout> | undefined

  const label = (item: DataExport) => `${what} of ${when(item.createdAt)}`

  const draw = async () => {
    const { rows, meta } = await calls.list(page)
    mount(
      list,
      table(
        `Past ${what}s`,
        ['Requested', 'State', 'Size', 'Available until'],
        rows.map((item) => [
          text(when(item.createdAt)),
          stateOf(item, label(item)),
          text(size(item.size)),
          text(item.status === 'ready' ? when(item.expiresAt) : ''),
        ]),
        `No ${what}s yet.`
      ),
      pager(`Pages of ${what}s`, meta, (next) => {
        page = next
        void act(draw)()
      })
    )
    schedule(rows.filter(building))
  }

  /** Polls the building exports of the page; redraws when one settles. */
  const schedule = (pending: DataExport[]) => {
    clearTimeout(timer)
    if (!pending.length) return
    timer = setTimeout(() => {
      if (!panel.isConnected) return
      void act(async () => {
        const now = await Promise.all(pending.map((item) => calls.show(item.id)))
        const settled = now.filter((item) => !building(item))
        for (const item of settled) {
          if (item.status === 'ready') toast(`Your ${what} is ready to download`)
          else if (item.status === 'failed') toast(`The ${what} failed`, 'error')
        }
        await draw()
      })()
    }, POLL_MS)
  }

  const start = h(
    'button',
    {
      type: 'button',
      class: 'primary',
      onclick: act(async () => {
        start.disabled = true
        try {
          await calls.start()
          status.textContent = `The ${what} has started; it is listed below with its progress.`
          page = 1
          await draw()
        } finally {
          start.disabled = false
        }
      }),
    },
    `Start a new ${what}`
  )

  mount(panel, h('div', { class: 'row' }, start), status, list)
  void act(draw)()
  return panel
}
