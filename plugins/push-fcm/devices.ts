import vine from '@vinejs/vine'
import db from '@adonisjs/lucid/services/db'
import { BaseTransformer } from '@adonisjs/core/transformers'
import type { User } from '#extensions/types'
import { NotFoundException } from '#extensions/errors'
import { isUuid, textRule } from '#extensions/validation'
import Device, { type DevicePlatform } from './device.js'

/*
 * Devices: registering an FCM token, removing a device, and their JSON.
 * Documented limits: tokens 1–4096 characters without whitespace.
 */

/** POST /devices */
export const registerDeviceValidator = vine.create({
  token: textRule().minLength(1).maxLength(4096).regex(/^\S+$/),
  platform: vine.enum(['ios', 'android', 'web'] as const),
})

/**
 * Registers the caller's device, or refreshes it. A token known under
 * another user moves to the caller (the app signed in as someone else), so
 * the previous user gets no more pushes on that install.
 */
export class RegisterDevice {
  static async handle(user: User, input: { token: string; platform: DevicePlatform }) {
    const now = new Date()
    const result = await db.rawQuery(
      `INSERT INTO devices (id, user_id, token, platform, created_at, last_seen_at)
       VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (token) DO UPDATE
         SET user_id = EXCLUDED.user_id, platform = EXCLUDED.platform, last_seen_at = EXCLUDED.last_seen_at
       RETURNING *, (xmax = 0) AS inserted`,
      [crypto.randomUUID(), user.id, input.token, input.platform, now, now]
    )
    const row = result.rows[0]
    return { device: Device.$createFromAdapterResult(row)!, created: row.inserted as boolean }
  }
}

/** Removes one of the caller's devices; anyone else's is 404, as an unknown id. */
export class RemoveDevice {
  static async handle(user: User, deviceId: string) {
    const deleted = isUuid(deviceId)
      ? await Device.query().where('id', deviceId).where('user_id', user.id).delete()
      : [0]
    if (!Number(Array.isArray(deleted) ? deleted[0] : deleted)) {
      throw new NotFoundException('Device not found')
    }
  }
}

/** A device as its owner sees it: never the token back. */
export class DeviceTransformer extends BaseTransformer<Device> {
  toObject() {
    return {
      id: this.resource.id,
      platform: this.resource.platform,
      createdAt: this.resource.createdAt.toISO(),
      lastSeenAt: this.resource.lastSeenAt.toISO(),
    }
  }
}
