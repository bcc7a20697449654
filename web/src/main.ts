import './styles.css'
import { get, post, request, session, whenUnauthorized } from './api'
import { toast } from './dom'
import {
  loadMembers,
  loadOrganizations,
  loadPresence,
  refreshNotificationCount,
  refreshRooms,
} from './chat'
import { connectSocket, disconnectSocket, switchSocketOrganization } from './realtime'
import { clearSubscriptions, loadOutbox, resetOrganizationState, state } from './store'
import { forgetLocalWork } from './drafts'
import { resumeOutbox } from './outbox'
import type { Me, Organization } from './types'
import { showAuth } from './views/auth'
import { showOrganizations } from './views/orgs'
import { showShell } from './views/shell'
import { resetPasswordPage, verifyEmailFromLink } from './views/account'
import { enableImageCookie, forgetImageCookie } from './api_more'
import { listenToConversationEvents } from './conversation'
import { ssoCallbackPage } from './views/sso'

/*
 * The Parley web client: log in, pick an organization, chat. It uses only
 * the public REST and Socket.IO API, as any app would.
 */
const root = document.getElementById('app')!
const ORG_KEY = 'parley.organization'

function signedOut() {
  disconnectSocket()
  session.setToken(null)
  session.organizationId = null
  state.me = null
  state.org = null
  resetOrganizationState()
  clearSubscriptions()
  document.title = 'Parley'
  showAuth(root, () => void signedIn())
}

async function logout() {
  await forgetImageCookie().catch(() => {})
  await request('POST', '/auth/logout').catch(() => {})
  forgetLocalWork()
  localStorage.removeItem(ORG_KEY)
  signedOut()
}

/** Accepts the invite of an `/invites/:token` link, once logged in. */
async function acceptInviteFromLink() {
  const match = /^\/invites\/([^/]+)$/.exec(location.pathname)
  if (!match) return null
  history.replaceState(null, '', '/')
  try {
    const org = await post<Organization>(`/organizations/accept-invite/${match[1]}`)
    toast(`You joined ${org.name}`)
    return org.id
  } catch (caught) {
    toast(`The invite could not be accepted: ${(caught as Error).message}`, 'error')
    return null
  }
}

async function signedIn() {
  loadOutbox()
  // Before anything draws an avatar: an <img> authenticates with this cookie.
  await enableImageCookie().catch(() => {})
  await verifyEmailFromLink()
  const joined = await acceptInviteFromLink()
  const orgs = await loadOrganizations()
  const wanted = joined ?? localStorage.getItem(ORG_KEY) ?? state.me?.activeOrganizationId
  const org = orgs.find((o) => o.id === wanted) ?? orgs[0]
  if (!org) {
    clearSubscriptions()
    return showOrganizations(root, (created) => void enterOrganization(created))
  }
  await enterOrganization(org)
}

/** Makes an organization current: its rooms, members and socket. */
async function enterOrganization(org: Organization) {
  const switching = state.org !== null && state.connection === 'online'
  if (!state.orgs.some((o) => o.id === org.id)) state.orgs.push(org)
  state.org = org
  session.organizationId = org.id
  localStorage.setItem(ORG_KEY, org.id)
  resetOrganizationState()
  clearSubscriptions()
  showShell(root, {
    switchOrganization: (o) => void enterOrganization(o),
    logout: () => void logout(),
  })
  void post(`/organizations/${org.id}/set-active`).catch(() => {})
  if (switching) await switchSocketOrganization(org.id).catch(() => connectSocket())
  else connectSocket()
  await Promise.all([
    refreshRooms(),
    loadMembers(),
    loadPresence(),
    refreshNotificationCount(),
  ]).catch((caught) => toast((caught as Error).message, 'error'))
  resumeOutbox()
}

async function boot() {
  whenUnauthorized(signedOut)
  listenToConversationEvents()
  if (resetPasswordPage(root, signedOut)) return
  if (
    ssoCallbackPage(
      root,
      () => void signedIn(),
      () => location.assign('/')
    )
  )
    return
  if (!session.token) return signedOut()
  try {
    state.me = await get<Me>('/users/me')
  } catch {
    return signedOut()
  }
  await signedIn()
}

void boot()
