import type { Browser, BrowserContextOptions, Page } from 'playwright-core'
import { serverUrl } from '#tests/helpers/sockets'
import { addMember, createOrgWith, createUserWithToken } from '#tests/helpers/users'
import { signedInPerson } from '#tests/helpers/browser'

/*
 * What the web client's browser tests share: its landmarks as people find
 * them (by role and label), and the two people of most scenarios.
 */

/** The message box of the open room. */
export const box = (page: Page) => page.getByRole('textbox', { name: 'Message', exact: true })

/** The message list of the open room. */
export const messages = (page: Page) => page.getByRole('log')

/** A conversation in the sidebar, by its exact title. */
export const conversation = (page: Page, title: string) =>
  page.locator('.room-item', {
    has: page.locator('.room-name', { hasText: new RegExp(`^${title}$`) }),
  })

/** Opens a conversation and waits for its heading. */
export async function open(page: Page, title: string) {
  await conversation(page, title).click()
  await page.getByRole('heading', { name: title, exact: true }).waitFor()
}

/** Alice (owner) and Bob (member) in Acme, with tokens. */
export async function acme() {
  const alice = await createUserWithToken({
    email: 'alice@example.com',
    username: 'alice',
    displayName: 'Alice',
  })
  const org = await createOrgWith(alice.user, { name: 'Acme' })
  const bob = await createUserWithToken({
    email: 'bob@example.com',
    username: 'bob',
    displayName: 'Bob',
  })
  await addMember(org, bob.user)
  const as = (who: { token: string }) => ({ token: who.token, organizationId: org.id })
  return { alice, bob, org, asAlice: as(alice), asBob: as(bob) }
}

/** Opens the client for a signed-in person and waits for the live connection. */
export async function arrive(browser: Browser, token: string, options: BrowserContextOptions = {}) {
  const person = await signedInPerson(browser, token, undefined, options)
  await person.page.goto(serverUrl())
  await person.page.getByText('Connected').waitFor()
  return person
}
