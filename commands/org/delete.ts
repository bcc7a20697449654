import { Args } from '@oclif/core'
import { ServerCommand, type BatchResult } from '../server_command.js'
import { describe } from '../errors.js'
import { confirmFlag } from '../flags.js'
import { table } from '../output.js'

/** What deleting one organization reports. */
export interface OrgDeleted {
  id: string
  slug: string
  members: number
  rooms: number
  /** Uploads whose files (original and thumbnail) were deleted from their disk. */
  mediaFiles: number
}

/** Deletes organizations and everything they own. */
export default class OrgDelete extends ServerCommand<BatchResult<OrgDeleted>> {
  static summary = 'Delete organizations (destructive).'
  static description = describe(
    'Deletes each organization with its memberships, invites, rooms, messages and keys, and removes its uploaded media files from their disk. Accounts stay. Needs --confirm. Each organization succeeds or fails on its own.'
  )
  static examples = ['<%= config.bin %> <%= command.id %> acme old-team --confirm']
  static strict = false
  static args = { org: Args.string({ description: 'Organization ids or slugs.', required: true }) }
  static flags = { confirm: confirmFlag() }

  async run() {
    const { argv, flags } = await this.parse(OrgDelete)
    this.requireConfirm(flags.confirm, 'Deleting an organization')
    const result = await this.batch(argv as string[], (org) =>
      this.call<OrgDeleted>(flags, 'org:delete', { org })
    )
    this.log(
      table(result.succeeded, [
        ['DELETED', (r) => r.result.slug],
        ['MEMBERS', (r) => r.result.members],
        ['ROOMS', (r) => r.result.rooms],
        ['MEDIA', (r) => r.result.mediaFiles],
      ])
    )
    return result
  }
}
