import { ServerCommand } from '../server_command.js'
import { describe } from '../errors.js'
import { details } from '../output.js'

/** What `key status` returns. */
export interface KeyStatusResult {
  currentVersion: number
  configuredVersions: number[]
  versionsInUse: number[]
  missingVersions: number[]
  keysByMasterVersion: { masterVersion: number; status: string; count: number }[]
  keysPendingRewrap: number
  rowsPendingReencryption: number
  lastRun: {
    id: string
    startedAt: string
    finishedAt: string | null
    roomsDone: number
    rowsDone: number
  } | null
}

/** Shows key versions and rotation progress. */
export default class KeyStatus extends ServerCommand<KeyStatusResult> {
  static summary = 'Show master key versions and rotation progress.'
  static description = describe(
    'Versions configured and in use, room keys per version, keys waiting for a rewrap, bodies waiting for re-encryption and the last re-encryption run. A version in use but missing from ENCRYPTION_KEYS (missingVersions) means unreadable messages: restore it.'
  )
  static examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> --json',
  ]

  async run() {
    const { flags } = await this.parse(KeyStatus)
    const status = await this.call<KeyStatusResult>(flags, 'key:status', {})
    if (status.missingVersions.length) {
      this.note(
        `Room keys use versions missing from ENCRYPTION_KEYS: ${status.missingVersions.map((v) => `v${v}`).join(', ')}`
      )
    }
    this.log(
      details({
        currentVersion: `v${status.currentVersion}`,
        configuredVersions: status.configuredVersions.map((v) => `v${v}`),
        versionsInUse: status.versionsInUse.map((v) => `v${v}`),
        keysPendingRewrap: status.keysPendingRewrap,
        rowsPendingReencryption: status.rowsPendingReencryption,
        lastRun: status.lastRun
          ? `${status.lastRun.id} (${status.lastRun.finishedAt ? 'finished' : 'unfinished'}, ${status.lastRun.rowsDone} rows)`
          : null,
      })
    )
    return status
  }
}
