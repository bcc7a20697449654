import { randomBytes } from 'node:crypto'
import encryption from '@adonisjs/core/services/encryption'
import Webhook from '#models/webhook'
import Room from '#models/room'
import { isUuid } from '#services/org_context'
import { NotFoundException } from '#exceptions/app_exception'

/** A webhook of the organization, or 404 E_NOT_FOUND (another organization's included). */
export async function findWebhook(organizationId: string, webhookId: unknown) {
  if (!isUuid(webhookId)) throw new NotFoundException('Webhook not found')
  const webhook = await Webhook.query()
    .withScopes((s) => s.forOrg(organizationId))
    .where('id', webhookId)
    .first()
  if (!webhook) throw new NotFoundException('Webhook not found')
  return webhook
}

/** Refuses (404) a room filter naming a room that is not the organization's. */
export async function assertOrgRooms(organizationId: string, roomIds: string[] | undefined) {
  if (!roomIds?.length) return
  const found = await Room.query()
    .withScopes((s) => s.forOrg(organizationId))
    .whereIn('id', roomIds)
    .count('* as total')
  if (Number(found[0].$extras.total) !== roomIds.length) {
    throw new NotFoundException('Room not found')
  }
}

/** A new signing secret (shown once) and its sealed form (stored, opened with APP_KEY). */
export function newSigningSecret() {
  const secret = `whsec_${randomBytes(32).toString('base64url')}`
  return { secret, sealed: encryption.encrypt(secret) }
}
