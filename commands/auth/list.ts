import { BaseCommand } from '../base_command.js'
import { describe } from '../errors.js'
import { table } from '../output.js'

/** One saved profile (its token is never shown). */
export interface AuthProfileRow {
  profile: string
  url: string
  current: boolean
}

/** Lists the saved connections. */
export default class AuthList extends BaseCommand<AuthProfileRow[]> {
  static summary = 'List the saved connections (profiles), without their tokens.'
  static description = describe('The profiles chatctl auth login saved, and which one is current.')
  static examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> --json',
  ]

  async run() {
    await this.parse(AuthList)
    const { readProfiles } = await import('../profiles.js')
    const saved = readProfiles()
    const rows = Object.entries(saved.profiles)
      .map(([profile, { url }]) => ({ profile, url, current: profile === saved.current }))
      .sort((a, b) => a.profile.localeCompare(b.profile))
    this.log(
      table(rows, [
        ['PROFILE', (r) => r.profile],
        ['URL', (r) => r.url],
        ['CURRENT', (r) => (r.current ? '*' : '')],
      ])
    )
    return rows
  }
}
