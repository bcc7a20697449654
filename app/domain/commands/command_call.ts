import encryption from '@adonisjs/core/services/encryption'
import logger from '@adonisjs/core/services/logger'
import type SlashCommand from '#models/slash_command'
import { AppException } from '#exceptions/app_exception'
import { signBody, SIGNATURE_HEADER } from '#services/webhook_signature'
import { postJson } from '#domain/webhooks/post_json'
import { outbound } from '#domain/webhooks/outbound'
import { commandAnswerValidator } from '#validators/commands'

/** What Parley POSTs to a command's endpoint (docs/integrations.md). */
export interface CommandCall {
  id: string
  command: string
  args: string
  organizationId: string
  room: { id: string; name: string | null }
  user: { id: string; username: string; displayName: string | null }
  issuedAt: string
}

/** The endpoint's answer, validated. */
export interface CommandAnswer {
  text: string
  responseType: 'ephemeral' | 'in_channel'
}

/** 502 E_COMMAND_FAILED: the endpoint did not give a usable answer; the reason is the message. */
export function commandFailed(name: string, reason: string) {
  return new AppException(`The /${name} command failed: ${reason}`, {
    status: 502,
    code: 'E_COMMAND_FAILED',
  })
}

/**
 * Calls a command's endpoint: the call signed like a webhook delivery
 * (`X-Parley-Signature` with the command's secret), POSTed under the SSRF
 * rules with the webhook timeout (WEBHOOK_TIMEOUT_MS), no
 * redirects, the answer capped. Anything but a 2xx JSON answer
 * `{ text, responseType? }` is 502 E_COMMAND_FAILED saying what went wrong
 * (refused address, timeout, status, invalid answer); the endpoint's own
 * body is never echoed.
 */
export async function callCommand(command: SlashCommand, call: CommandCall) {
  const body = JSON.stringify(call)
  const secret = encryption.decrypt<string>(command.secretSealed)
  if (!secret) throw commandFailed(command.name, 'its signing secret cannot be read')
  const headers = {
    [SIGNATURE_HEADER]: signBody(secret, Math.floor(Date.now() / 1000), body),
    'x-parley-event': 'command',
    'x-parley-delivery': call.id,
  }
  let answer
  try {
    answer = await postJson(command.url, body, headers, outbound)
  } catch (error) {
    const failure = error as { name?: string; cause?: { name?: string } } | undefined
    const timedOut = failure?.name === 'TimeoutError' || failure?.cause?.name === 'TimeoutError'
    logger.info({ commandId: command.id, err: error }, 'slash command call failed')
    throw commandFailed(
      command.name,
      timedOut ? 'its endpoint did not answer in time' : 'its endpoint could not be reached'
    )
  }
  if (answer.status < 200 || answer.status >= 300) {
    throw commandFailed(command.name, `its endpoint answered ${answer.status}`)
  }
  return parseAnswer(command.name, answer.body)
}

async function parseAnswer(name: string, raw: string): Promise<CommandAnswer> {
  let json: unknown
  try {
    json = JSON.parse(raw)
  } catch {
    throw commandFailed(name, 'its endpoint did not answer JSON')
  }
  const [error, answer] = await commandAnswerValidator.tryValidate(json)
  if (error) throw commandFailed(name, 'its endpoint answered an invalid response')
  return { text: answer.text, responseType: answer.responseType ?? 'ephemeral' }
}
