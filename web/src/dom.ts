/** A tiny DOM builder: `h('button', { onclick, 'aria-label': 'Send' }, 'Send')`. */

type Child = Node | string | number | null | undefined | false
type Attrs = Record<string, unknown>

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: (Child | Child[])[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag)
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue
    if (key.startsWith('on') && typeof value === 'function') {
      element.addEventListener(key.slice(2), value as EventListener)
    } else if (key === 'class') {
      element.className = String(value)
    } else if (key in element && !key.includes('-') && typeof value !== 'string') {
      ;(element as any)[key] = value
    } else {
      element.setAttribute(key, value === true ? '' : String(value))
    }
  }
  append(element, children)
  return element
}

function append(parent: Node, children: (Child | Child[])[]) {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue
    parent.appendChild(child instanceof Node ? child : document.createTextNode(String(child)))
  }
}

/** Replaces the children of an element. */
export function mount(parent: Element, ...children: (Child | Child[])[]) {
  parent.replaceChildren()
  append(parent, children)
}

/** Time of day for a message, date too when it is not today. */
export function shortTime(iso: string) {
  const date = new Date(iso)
  const today = new Date().toDateString() === date.toDateString()
  return today
    ? date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })
    : date.toLocaleString([], { dateStyle: 'short', timeStyle: 'short' })
}

/** A file size for people. */
export function fileSize(bytes: number) {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`
}

/** A short status line at the top of the screen (role=status, read by screen readers). */
export function toast(text: string, kind: 'info' | 'error' = 'info') {
  const region = document.getElementById('toast')
  if (!region) return
  region.textContent = text
  region.dataset.kind = kind
  region.hidden = false
  clearTimeout(Number(region.dataset.timer))
  region.dataset.timer = String(setTimeout(() => (region.hidden = true), 4000))
}

const ICONS: Record<string, string> = {
  bell: 'M12 3a6 6 0 0 0-6 6v4l-2 3h16l-2-3V9a6 6 0 0 0-6-6Zm-2 15a2 2 0 0 0 4 0',
  clip: 'M16.5 6.5 8 15a2.1 2.1 0 0 0 3 3l8.5-8.5a4.2 4.2 0 0 0-6-6L5 12a6.4 6.4 0 0 0 9 9l6-6',
  plus: 'M12 5v14M5 12h14',
}

/** A small stroke icon (decorative: the control carries the label). */
export function icon(name: keyof typeof ICONS & string) {
  const ns = 'http://www.w3.org/2000/svg'
  const svg = document.createElementNS(ns, 'svg')
  svg.setAttribute('viewBox', '0 0 24 24')
  svg.setAttribute('aria-hidden', 'true')
  svg.setAttribute('class', 'icon-svg')
  const path = document.createElementNS(ns, 'path')
  path.setAttribute('d', ICONS[name])
  svg.append(path)
  return svg
}
