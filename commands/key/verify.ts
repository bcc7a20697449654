import { ServerCommand } from '../server_command.js'
import { describe, EXIT_CODES } from '../errors.js'
import { details } from '../output.js'

/** One problem found by `key verify`. */
export interface KeyProblem {
  code: string
  subject: string
  message: string
}

/** What `key verify` returns. */
export interface KeyVerifyResult {
  ok: boolean
  problems: KeyProblem[]
  keyring: { currentVersion: number; versions: number[]; fingerprint: string }
  versionsInUse: number[]
  roomKeys: { checked: number; uncovered: number; unreadable: number }
  nodes: {
    id: string
    hostname: string
    pid: number
    keyVersions: number[]
    currentVersion: number
    fingerprint: string
    missingVersions: number[]
    startedAt: string
    lastSeenAt: string
  }[]
  keyLogs: { checked: boolean; users: number; entries: number }
}

/** Checks at-rest keyring coverage, the live nodes' keyrings and the e2e key logs. */
export default class KeyVerify extends ServerCommand<KeyVerifyResult> {
  static summary = 'Check room keys, node keyrings and e2e key log chains; exit 7 on problems.'
  static description = describe(
    [
      'Read-only. Reports, each with its code and subject:',
      '- E_ROOM_KEY_UNCOVERED: a room key is wrapped under a master version ENCRYPTION_KEYS lacks (restore that version);',
      '- E_ROOM_KEY_UNREADABLE: a room key does not open with its version (altered, or a different key under the same version);',
      '- E_NODE_KEYRING_STALE: a live node (heartbeat) lacks a version in use or the current one, or holds different bytes for it (restart it with the current ENCRYPTION_KEYS);',
      '- E_KEY_LOG_BROKEN: a user’s e2e key log hash chain does not verify (an entry altered, missing or unsigned);',
      '- E_KEY_MISMATCH: the devices served as active differ from the user’s key log (e.g. a device with no log entry).',
      'Key logs are checked when the plugin e2e-keys is enabled (PARLEY_PLUGINS), and reported as not checked otherwise.',
      'The keyring checked is the one of the process doing the work: this host’s ENCRYPTION_KEYS in local mode, the server’s in remote mode.',
    ].join('\n')
  )
  static examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> --json',
    '<%= config.bin %> <%= command.id %> --url https://chat.acme.test',
  ]

  async run() {
    const { flags } = await this.parse(KeyVerify)
    const report = await this.call<KeyVerifyResult>(flags, 'key:verify', {})
    for (const problem of report.problems) {
      this.note(`${problem.code} ${problem.subject}: ${problem.message}`)
    }
    if (!report.ok) process.exitCode = EXIT_CODES.keyProblems
    this.log(
      details({
        result: report.ok ? 'no problems found' : `${report.problems.length} problem(s)`,
        currentVersion: `v${report.keyring.currentVersion}`,
        versions: report.keyring.versions.map((v) => `v${v}`),
        fingerprint: report.keyring.fingerprint,
        versionsInUse: report.versionsInUse.map((v) => `v${v}`),
        roomKeysChecked: report.roomKeys.checked,
        liveNodes: report.nodes.map(
          (node) => `${node.hostname} pid ${node.pid} (${node.keyVersions.map((v) => `v${v}`)})`
        ),
        keyLogs: report.keyLogs.checked
          ? `${report.keyLogs.users} user(s), ${report.keyLogs.entries} entries`
          : 'not checked (plugin e2e-keys disabled)',
      })
    )
    return report
  }
}
