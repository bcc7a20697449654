import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { ConflictException } from '#exceptions/app_exception'
import type Message from '#models/message'
import { nextChangeSeq } from '#domain/messages/message_access'

/**
 * Restamps a message with its room's next change number, inside the
 * transaction that changed something the message carries (a reaction, a
 * pin, a thread reply): `?after=` and `sync` then return it again, with
 * the change. The room row is already locked by `findMessageForMember`.
 */
export async function restampMessage(trx: TransactionClientContract, message: Message) {
  const versionSeq = await nextChangeSeq(trx, message.roomId)
  await trx.from('messages').where('id', message.id).update({ version_seq: versionSeq })
  message.versionSeq = versionSeq
  return versionSeq
}

/** 409 E_MESSAGE_DELETED: a tombstone takes no reactions, pins or replies. */
export function messageDeleted() {
  return new ConflictException('This message was deleted', 'E_MESSAGE_DELETED')
}
