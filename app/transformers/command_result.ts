import type Message from '#models/message'
import type SlashCommand from '#models/slash_command'
import { messagePayload } from '#transformers/message_payload'
import type { MessageObject } from '#transformers/message_transformer'

/** What running a command answers (REST and the socket's ack alike). */
export interface CommandResultObject {
  command: string
  responseType: 'ephemeral' | 'in_channel'
  text: string
  /** The message the bot posted (`in_channel`), else null. */
  message: MessageObject | null
}

/** Shapes a command run's outcome; an in-channel message is the room's `new_message` object. */
export async function commandResult(result: {
  command: SlashCommand
  answer: { text: string; responseType: 'ephemeral' | 'in_channel' }
  message: Message | null
}): Promise<CommandResultObject> {
  return {
    command: result.command.name,
    responseType: result.answer.responseType,
    text: result.answer.text,
    message: result.message ? await messagePayload(result.message) : null,
  }
}
