import type { Actor } from '#types/actor'

/**
 * Makes the actor's organization their active one: the org context used by
 * chat endpoints and sockets when no `x-organization-id` is sent. Membership
 * was already checked when the actor was built.
 */
export default class UpdateActiveOrganization {
  static async handle(actor: Actor) {
    actor.user.activeOrganizationId = actor.organization.id
    await actor.user.save()
    return actor.user
  }
}
