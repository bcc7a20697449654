import { BaseTransformer } from '@adonisjs/core/transformers'
import type { MessageRecord } from '#types/message_record'
import { extrasFields } from '#transformers/message_transformer'

const pad = (value: number, width = 2) => String(value).padStart(width, '0')

/**
 * A timestamp as Luxon's `toISO()` writes a DateTime read by Lucid (the
 * process's zone, milliseconds, `±HH:MM` offset), so a message reads the
 * same from a history page as from its `new_message` event; at a fraction
 * of Luxon's cost, which a 50-message page pays 50 times and more.
 */
export function isoTimestamp(date: Date) {
  const offset = -date.getTimezoneOffset()
  const sign = offset < 0 ? '-' : '+'
  const abs = Math.abs(offset)
  return (
    `${pad(date.getFullYear(), 4)}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}` +
    `T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}` +
    `.${pad(date.getMilliseconds(), 3)}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
  )
}

/** The end-to-end payload as `MessageTransformer` shapes it. */
function encryptedOf(payload: Record<string, unknown> | null) {
  if (!payload) return null
  return {
    ciphertext: String(payload.ciphertext),
    iv: String(payload.iv),
    keyVersion: Number(payload.keyVersion),
    algorithm: String(payload.algorithm),
  }
}

/**
 * A message of a history page or a `sync` answer, from the record the read
 * path built without a model: exactly the JSON of `MessageTransformer`
 * (tests compare the two for the same messages, edits and deletes included).
 */
export default class MessageRecordTransformer extends BaseTransformer<MessageRecord> {
  toObject() {
    const message = this.resource
    return {
      id: message.id,
      roomId: message.roomId,
      senderId: message.senderId,
      seq: message.seq,
      versionSeq: message.versionSeq,
      content: message.deletedAt ? null : message.body,
      encrypted: message.deletedAt ? null : encryptedOf(message.encryptedPayload),
      replyToId: message.replyToId,
      threadOnly: message.threadOnly,
      clientMessageId: message.clientMessageId,
      mentions: message.mentions,
      ...extrasFields(message.extras, Boolean(message.deletedAt)),
      editedAt: message.editedAt ? isoTimestamp(message.editedAt) : null,
      deletedAt: message.deletedAt ? isoTimestamp(message.deletedAt) : null,
      createdAt: isoTimestamp(message.createdAt),
    }
  }

  /**
   * A page of records as plain objects, each `toObject()` called directly:
   * it answers plain values only, and the serializer's container call and
   * value resolution per row cost more than the shaping of a 50-row page.
   */
  static toObjects(records: MessageRecord[]) {
    return records.map((record) => new MessageRecordTransformer(record).toObject())
  }

  /**
   * A history page's whole JSON body, `{ data: [messages], meta }`, as the
   * bytes `JSON.stringify` makes of it. Each message's bytes are made once
   * per record and kept with it (`jsonOf`): the read path hands out the same
   * record for a row it read before unchanged (app/domain/messages/
   * message_pages.ts), so a page of messages already seen costs no shaping,
   * no `JSON.stringify` and no UTF-8 encoding of them again.
   */
  static pageBody(records: MessageRecord[], meta: unknown): Buffer {
    const parts: Buffer[] = [PAGE_OPEN]
    records.forEach((record, i) => {
      if (i > 0) parts.push(COMMA)
      parts.push(jsonOf(record))
    })
    parts.push(Buffer.from(`],"meta":${JSON.stringify(meta)}}`))
    return Buffer.concat(parts)
  }
}

const PAGE_OPEN = Buffer.from('{"data":[')
const COMMA = Buffer.from(',')

/** The JSON bytes of each record shaped so far, for as long as the record lives. */
const encoded = new WeakMap<MessageRecord, Buffer>()

/** A record's JSON bytes, made on first use. */
function jsonOf(record: MessageRecord) {
  let bytes = encoded.get(record)
  if (!bytes) {
    bytes = Buffer.from(JSON.stringify(new MessageRecordTransformer(record).toObject()))
    encoded.set(record, bytes)
  }
  return bytes
}
