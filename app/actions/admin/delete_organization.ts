import { committedTransaction } from '#services/committed_transaction'
import emitter from '@adonisjs/core/services/emitter'
import type Organization from '#models/organization'
import MediaAsset from '#models/media_asset'
import { deleteAssetFiles } from '#services/media_storage'
import MessageCipher from '#services/message_cipher'
import { revokeSessions } from '#domain/auth/session_revocation'
import { recordAudit } from '#domain/audit/audit_log'

/**
 * Deletes an organization and everything it owns (chatctl `org delete
 * --confirm`): memberships, invites, rooms, messages and their keys, media
 * rows and notifications go with it through the foreign keys' cascades, in
 * one transaction. Users stay; those whose active organization it was have
 * none afterwards. Its room keys go too, and this node forgets their
 * unwrapped copies (crypto-shredding: a copy of the ciphertext, in a backup
 * or a replica that lags, can no longer be opened). The stored media files (originals and thumbnails) are
 * deleted from their disk once the transaction commits (never on rollback);
 * a file that cannot be deleted is logged. Each
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
      const media = await MediaAsset.query({ client: trx }).where(
        'organization_id',
        organization.id
      )
      trx.after('commit', () => deleteAssetFiles(media))
      const keys = await trx
        .from('room_keys')
        .where('organization_id', organization.id)
        .select('id')
      trx.after('commit', () => MessageCipher.forget(keys.map((key) => key.id as string)))
      await trx
        .from('users')
        .where('active_organization_id', organization.id)
        .update({ active_organization_id: null })
      await trx.from('organizations').where('id', organization.id).delete()
      await recordAudit(
        {
          action: 'org.deleted',
          organizationId: organization.id,
          targetType: 'organization',
          targetId: organization.id,
          details: { slug: organization.slug, members: members.length, rooms: Number(rooms[0].n) },
        },
        trx
      )
      for (const member of members) {
        const scope = { userId: member.user_id as string, organizationId: organization.id }
        await revokeSessions({ kind: 'organization', ...scope }, { trx })
      }
      return {
        members: members.map((m) => m.user_id as string),
        rooms: Number(rooms[0].n),
        mediaFiles: media.length,
      }
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
      mediaFiles: counts.mediaFiles,
    }
  }
}
