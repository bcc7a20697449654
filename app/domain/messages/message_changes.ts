import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { ConflictException } from '#exceptions/app_exception'
import type Message from '#models/message'
import { nextChangeSeq } from '#domain/messages/message_access'
import { EXTRA_KINDS, type ExtraKind } from '#domain/messages/message_extras'

/**
 * Restamps a message with its room's next change number, inside the
 * transaction that changed something the message carries (a reaction, a
 * pin, a thread reply): `?after=` and `sync` then return it again, with
 * the change. When the change adds a row of an extra `kind`, its bit of
 * `extra_kinds` is set in the same update (EXTRA_KINDS). The room row is
 * already locked by `findMessageForMember`.
 */
export async function restampMessage(
  trx: TransactionClientContract,
  message: Message,
  added?: ExtraKind
) {
  const versionSeq = await nextChangeSeq(trx, message.roomId)
  await trx.rawQuery(
    'UPDATE messages SET version_seq = ?, extra_kinds = extra_kinds | ? WHERE id = ?',
    [versionSeq, added ? EXTRA_KINDS[added] : 0, message.id]
  )
  message.versionSeq = versionSeq
  return versionSeq
}

/** 409 E_MESSAGE_DELETED: a tombstone takes no reactions, pins or replies. */
export function messageDeleted() {
  return new ConflictException('This message was deleted', 'E_MESSAGE_DELETED')
}
