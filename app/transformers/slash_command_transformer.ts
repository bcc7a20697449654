import { BaseTransformer } from '@adonisjs/core/transformers'
import type SlashCommand from '#models/slash_command'

/**
 * A slash command as admins see it (its endpoint, bot and rooms); the
 * signing secret only in `withSecret`, once. Members see `forMember`: the
 * name, description and usage hint the composer shows.
 */
export default class SlashCommandTransformer extends BaseTransformer<SlashCommand> {
  constructor(
    resource: SlashCommand,
    protected secret?: string
  ) {
    super(resource)
  }

  toObject() {
    const command = this.resource
    return {
      ...this.pick(command, ['id', 'organizationId', 'name', 'url', 'botId', 'createdById']),
      description: command.description ?? null,
      usageHint: command.usageHint ?? null,
      roomIds: command.roomIds ?? null,
      createdAt: command.createdAt.toISO()!,
      updatedAt: command.updatedAt.toISO()!,
    }
  }

  /** The command just registered, with its signing secret: the only time it is shown. */
  withSecret() {
    return { ...this.toObject(), secret: this.secret ?? null }
  }

  /** What a member's composer needs: never the endpoint. */
  forMember() {
    const command = this.resource
    return {
      name: command.name,
      description: command.description ?? null,
      usageHint: command.usageHint ?? null,
    }
  }
}
