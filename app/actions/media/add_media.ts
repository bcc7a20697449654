import { basename } from 'node:path'
import { randomUUID } from 'node:crypto'
import { committedTransaction } from '#services/committed_transaction'
import emitter from '@adonisjs/core/services/emitter'
import Message from '#models/message'
import type Room from '#models/room'
import MediaAsset from '#models/media_asset'
import type { Actor } from '#types/actor'
import { bouncerFor } from '#services/authorizer'
import { ForbiddenException } from '#exceptions/app_exception'
import type { IncomingFile } from '#services/multipart_upload'
import { describeImage } from '#services/media_images'
import {
  deleteAssetFiles,
  mediaDisk,
  mediaDiskName,
  signDownload,
  storeUpload,
} from '#services/media_storage'
import { IMAGE_TYPES, MAX_MEDIA_BYTES, MEDIA_TYPES, uploadNameValidator } from '#validators/media'
import { messageNotFound, roomArchived } from '#domain/messages/message_access'
import { findMessageInRoom } from '#domain/media/media_access'

/** A message a file may be attached to, checked before the upload's body is read. */
export interface UploadTarget {
  message: Message
  room: Room
}

/**
 * Attaches a file to a message (POST /media/upload/:messageId). Only the
 * message's author may, in a room that is not archived: `authorize` checks
 * that before the request body is read, so a refused upload costs no
 * bytes. The file streams to the media disk through the UploadInspector
 * (type by magic bytes, ≤ 100 MB, sha256); images get their size and a
 * thumbnail. The row is written only once the whole request arrived intact
 * and only if the message still stands, under its row lock, so a cut body
 * or a message deleted meanwhile leaves no file behind. `media:added` tells
 * the room.
 */
export default class AddMedia {
  /** The target of an upload by `actor`: 404 outside their rooms, 403 unless theirs, 409 if archived. */
  static async authorize(actor: Actor, messageId: string): Promise<UploadTarget> {
    const { message, room } = await findMessageInRoom(actor, messageId)
    if (message.deletedAt) throw messageNotFound()
    if (await bouncerFor(actor).with('MessagePolicy').denies('attach', message)) {
      throw new ForbiddenException('Only the author of a message can attach files to it')
    }
    if (room.archivedAt) throw roomArchived()
    return { message, room }
  }

  /** Stores `file` on a target that `authorize` returned, and records it. */
  static async handle(actor: Actor, target: UploadTarget, file: IncomingFile) {
    const { message, room } = target
    const { name } = await uploadNameValidator.validate({
      name: displayName(file.clientName),
    })

    const asset = new MediaAsset()
    asset.merge({
      id: randomUUID(),
      organizationId: actor.organization.id,
      messageId: message.id,
      roomId: room.id,
      uploaderId: actor.user.id,
      disk: mediaDiskName(),
      originalName: name,
    })
    asset.key = `${asset.organizationId}/${room.id}/${asset.id}`
    const disk = mediaDisk(asset.disk)
    const stored = await storeUpload(file.stream, disk, asset.key, {
      maxBytes: MAX_MEDIA_BYTES,
      allowed: MEDIA_TYPES,
    })
    asset.merge({ mime: stored.mime, size: stored.size, sha256: stored.sha256 })
    const image = IMAGE_TYPES.includes(stored.mime)
      ? await describeImage(disk, asset.key, stored.size)
      : null
    asset.merge({
      width: image?.width ?? null,
      height: image?.height ?? null,
      thumbnailKey: image?.thumbnailKey ?? null,
    })
    try {
      await file.received
      await saveIfMessageStands(asset)
    } catch (error) {
      await deleteAssetFiles([asset])
      throw error
    }
    emitter.emit('media:added', {
      organizationId: asset.organizationId,
      roomId: room.id,
      messageId: message.id,
      media: asset,
    })
    asset.download = await signDownload(asset)
    return asset
  }
}

/** Inserts the row while holding the message row, unless the message was deleted meanwhile. */
async function saveIfMessageStands(asset: MediaAsset) {
  await committedTransaction(async (trx) => {
    const message = await Message.query({ client: trx })
      .where('id', asset.messageId)
      .whereNull('deleted_at')
      .forUpdate()
      .first()
    if (!message) throw messageNotFound()
    asset.useTransaction(trx)
    await asset.save()
  })
}

/** The client's file name without any path and without control characters. */
function displayName(clientName: string) {
  const withoutPath = basename(clientName.replace(/\\/g, '/'))
  return [...withoutPath].filter((char) => char >= ' ' && char !== '\u007f').join('')
}
