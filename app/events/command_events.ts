/**
 * `command:responded`: a slash command's ephemeral answer, for the member
 * who ran it only (the fan-out sends `command_response` to that user's sockets
 * in this organization and their SSE user channel).
 */
export interface CommandResponded {
  organizationId: string
  roomId: string
  userId: string
  /** The command's name, without the slash. */
  command: string
  text: string
}

/** Slash command events, emitted by RunCommand. */
declare module '@adonisjs/core/types' {
  interface EventsList {
    'command:responded': CommandResponded
  }
}
