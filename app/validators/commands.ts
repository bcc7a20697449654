import vine from '@vinejs/vine'
import { MAX_CONTENT_LENGTH } from '#validators/chat'
import { idRule, textRule } from '#validators/rules'

/*
 * Documented limits: command names 1–32 characters of lowercase letters,
 * digits, `-` and `_` (no slash); descriptions up to 200 characters, usage
 * hints up to 100; endpoint URLs http(s) up to 2048 characters; at most 20
 * rooms per restriction; arguments up to 4,000 characters; an answer's text
 * as a message's content.
 */

/** A command's name, without the slash. */
const nameRule = () =>
  textRule()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9][a-z0-9_-]{0,31}$/)

/** The endpoint (the SSRF rules are checked on every call). */
const endpointRule = () =>
  textRule()
    .trim()
    .maxLength(2048)
    .url({
      require_protocol: true,
      require_tld: false,
      protocols: ['http', 'https'],
      allow_underscores: true,
    })

const commandFields = () => ({
  name: nameRule(),
  url: endpointRule(),
  botId: idRule(),
  description: textRule().trim().maxLength(200).optional(),
  usageHint: textRule().trim().maxLength(100).optional(),
  roomIds: vine.array(idRule()).minLength(1).maxLength(20).distinct().optional(),
})

/** POST /organizations/:orgId/commands */
export const createCommandValidator = vine.create(commandFields())

/** What a command's edit may change: null or an empty string clears; `roomIds: null` lifts the restriction. */
const updateFields = () => ({
  url: endpointRule().optional(),
  description: textRule().trim().maxLength(200).nullable().optional(),
  usageHint: textRule().trim().maxLength(100).nullable().optional(),
  roomIds: vine.array(idRule()).minLength(1).maxLength(20).distinct().nullable().optional(),
})

/** PATCH /organizations/:orgId/commands/:commandId */
export const updateCommandValidator = vine.create(updateFields())

/** POST /chat/rooms/:roomId/commands and socket `run_command`: `/name args` as two fields. */
export const runCommandValidator = vine.create({
  command: textRule()
    .trim()
    .toLowerCase()
    .regex(/^\/?[a-z0-9][a-z0-9_-]{0,31}$/)
    .transform((name) => name.replace(/^\//, '')),
  args: textRule().maxLength(4000).optional(),
})

/** Socket `run_command`: the room, next to `command` and `args`. */
export const runCommandRoomValidator = vine.create({ roomId: idRule() })

/** A command endpoint's answer (JSON); `responseType` defaults to `ephemeral`. */
export const commandAnswerValidator = vine.create({
  text: textRule().minLength(1).maxLength(MAX_CONTENT_LENGTH).regex(/\S/),
  responseType: vine.enum(['ephemeral', 'in_channel'] as const).optional(),
})

/** A chatctl reference: an id, slug, username or email. */
const refRule = () => textRule().trim().minLength(1).maxLength(254)

/** chatctl command create: the bot by id or username. */
export const adminCreateCommandValidator = vine.create({
  ...commandFields(),
  org: refRule(),
  botId: refRule(),
})

/** chatctl command update: the command by id or name. */
export const adminUpdateCommandValidator = vine.create({
  ...updateFields(),
  org: refRule(),
  command: refRule(),
})

/** chatctl command delete: the command by id or name. */
export const adminCommandRefValidator = vine.create({ org: refRule(), command: refRule() })
