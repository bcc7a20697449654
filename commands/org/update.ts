import { Args, Flags } from '@oclif/core'
import { ServerCommand } from '../server_command.js'
import { describe } from '../errors.js'
import { details } from '../output.js'
import type { OrgRow } from './list.js'

/** Renames an organization or changes its settings. */
export default class OrgUpdate extends ServerCommand<OrgRow> {
  static summary = 'Update an organization.'
  static description = describe(
    'Rename it, describe it, or cap its members. Settings left out keep their value.'
  )
  static examples = [
    '<%= config.bin %> <%= command.id %> acme --name "Acme Corp"',
    '<%= config.bin %> <%= command.id %> acme --max-members 50 --json',
  ]
  static args = { org: Args.string({ description: 'Organization id or slug.', required: true }) }
  static flags = {
    'name': Flags.string({ char: 'n', summary: 'New name.' }),
    'description': Flags.string({ summary: 'Description shown to members.' }),
    'max-members': Flags.integer({ summary: 'Maximum members (0: unlimited).', min: 0 }),
  }

  async run() {
    const { args, flags } = await this.parse(OrgUpdate)
    const max = flags['max-members']
    const org = await this.call<OrgRow>(flags, 'org:update', {
      org: args.org,
      name: flags.name,
      description: flags.description,
      maxMembers: max === undefined ? undefined : max === 0 ? null : max,
    })
    this.log(details({ ...org }))
    return org
  }
}
