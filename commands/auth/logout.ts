import { Flags } from '@oclif/core'
import { BaseCommand } from '../base_command.js'
import { ChatctlError, describe, EXIT_CODES } from '../errors.js'

/** What `auth logout` returns. */
export interface AuthLogoutResult {
  profile: string
  current: string | null
}

/** Forgets a saved connection. */
export default class AuthLogout extends BaseCommand<AuthLogoutResult> {
  static summary = 'Forget a saved connection (its token stays valid: chatctl token revoke).'
  static description = describe(
    'Removes the profile (--profile, default: the current one) from the profiles file. The admin token itself is not revoked.'
  )
  static examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> --profile staging --json',
  ]
  static flags = {
    profile: Flags.string({ summary: 'Name of the profile (default: the current one).' }),
  }

  async run() {
    const { flags } = await this.parse(AuthLogout)
    const { readProfiles, writeProfiles } = await import('../profiles.js')
    const saved = readProfiles()
    const name = flags.profile ?? saved.current
    if (!name || !saved.profiles[name]) {
      throw new ChatctlError(
        `No saved profile ${name ? `"${name}"` : 'is current'}`,
        'E_NOT_FOUND',
        EXIT_CODES.failed,
        ['chatctl auth list shows the saved profiles.']
      )
    }
    delete saved.profiles[name]
    if (saved.current === name) saved.current = null
    writeProfiles(saved)
    this.log(`Forgot profile ${name}.`)
    return { profile: name, current: saved.current }
  }
}
