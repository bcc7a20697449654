import { Args } from '@oclif/core'
import { ServerCommand } from '../server_command.js'
import { describe } from '../errors.js'
import { details } from '../output.js'
import type { OrgRow } from './list.js'

/** Shows one organization. */
export default class OrgShow extends ServerCommand<OrgRow> {
  static summary = 'Show an organization.'
  static description = describe('An organization by id or slug, with its settings and counts.')
  static examples = [
    '<%= config.bin %> <%= command.id %> acme',
    '<%= config.bin %> <%= command.id %> acme --json',
  ]
  static args = { org: Args.string({ description: 'Organization id or slug.', required: true }) }

  async run() {
    const { args, flags } = await this.parse(OrgShow)
    const org = await this.call<OrgRow & { settings: object }>(flags, 'org:show', { org: args.org })
    this.log(details({ ...org }))
    return org
  }
}
