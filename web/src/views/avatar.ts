import { h } from '../dom'
import { nameOf, state } from '../store'

/**
 * A person's picture, or their initial when they have none or it cannot be
 * loaded. Decorative: the name always stands next to it. The image loads
 * with the image cookie (api_more.ts `enableImageCookie`), as an `<img>`
 * sends no Authorization header.
 */
export function avatar(userId: string | null, size: 'small' | 'medium' | 'large' = 'medium') {
  const user = userId ? (userId === state.me?.id ? state.me : state.users.get(userId)) : null
  const initial = (user?.displayName || user?.username || nameOf(userId)).slice(0, 1).toUpperCase()
  const box = h('span', { 'class': `avatar ${size}`, 'aria-hidden': 'true' }, initial)
  if (user?.avatarUrl) {
    const image = h('img', { src: user.avatarUrl, alt: '', class: 'avatar-image' })
    image.addEventListener('error', () => image.remove())
    box.append(image)
  }
  return box
}
