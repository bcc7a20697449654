import { Bouncer } from '@adonisjs/bouncer'
import type { Actor } from '#types/actor'
import { policies } from '#policies/main'
import type { Permission } from '#policies/permissions'

/**
 * A Bouncer bound to an actor rather than to an HttpContext, so that actions
 * authorize the same way whichever door (REST, socket, chatctl) called them.
 */
export function bouncerFor(actor: Actor) {
  return new Bouncer(actor, {}, policies)
}

/** Throws E_AUTHORIZATION_FAILURE (403) unless the actor's role has the permission. */
export async function authorize(actor: Actor, permission: Permission) {
  await bouncerFor(actor).with('OrganizationPolicy').authorize('can', permission)
}
