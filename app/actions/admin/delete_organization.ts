import { committedTransaction } from '#services/committed_transaction'
import emitter from '@adonisjs/core/services/emitter'
import type Organization from '#models/organization'
import { revokeSessions } from '#domain/auth/session_revocation'

/**
 * Deletes an organization and everything it owns (chatctl `org delete
 * --confirm`): memberships, invites, rooms, messages and their keys, media
 * rows and notifications go with it through the foreign keys' cascades, in
 * one transaction. Users stay; those whose active organization it was have
 * none afterwards. Stored media files are not removed from the disk. Each
 * member's sessions in it end through the one revocation, and each gets
 * `org:member_removed` after commit.
 */
export default class DeleteOrganization {
  static async handle(organization: Organization, actorId: string) {
    const counts = await committedTransaction(async (trx) => {
      const members = await trx.from('memberships').where('organization_id', organization.id)
      const rooms = await trx
        .from('rooms')
        .where('organization_id', organization.id)
        .count('* as n')
      await trx
        .from('users')
        .where('active_organization_id', organization.id)
        .update({ active_organization_id: null })
      await trx.from('organizations').where('id', organization.id).delete()
      for (const member of members) {
        const scope = { userId: member.user_id as string, organizationId: organization.id }
        await revokeSessions({ kind: 'organization', ...scope }, { trx })
      }
      return { members: members.map((m) => m.user_id as string), rooms: Number(rooms[0].n) }
    })
    for (const userId of counts.members) {
      emitter.emit('org:member_removed', {
        organizationId: organization.id,
        userId,
        removedById: actorId,
        reason: 'removed',
      })
    }
    return {
      id: organization.id,
      slug: organization.slug,
      members: counts.members.length,
      rooms: counts.rooms,
    }
  }
}
