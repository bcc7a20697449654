import { Help } from '@oclif/core'

/**
 * One example per topic, shown under the root `--help` (oclif lists topics
 * with their descriptions only). Every topic of package.json `oclif.topics`
 * has one (tests/cli/contract.spec.ts).
 */
export const TOPIC_EXAMPLES: Record<string, string> = {
  org: 'chatctl org create --name "Acme" --owner-email ada@acme.example',
  user: 'chatctl user create --email ops@acme.example --username ops --admin',
  member: 'chatctl member role --org acme bob --role moderator',
  invite: 'chatctl invite create --org acme bob@acme.example',
  room: 'chatctl room create --org acme --name general',
  key: 'chatctl key rotate --generate',
  plugin: 'chatctl plugin enable media-s3',
  config: 'chatctl config check',
  db: 'chatctl db migrate',
  token: 'chatctl token create --user ops',
  auth: 'chatctl auth login --url https://chat.acme.example --token pla_...',
  signup: 'chatctl signup show',
  health: 'chatctl health --url https://chat.acme.example --json',
  search: 'chatctl search backfill --background',
  audit: 'chatctl audit list --org acme --action auth.*',
  report: 'chatctl report list --org acme',
  retention: 'chatctl retention run --dry-run',
  bot: 'chatctl bot create --org acme deploy-bot --display-name "Deploy bot"',
  webhook:
    'chatctl webhook create --org acme --endpoint https://ci.example.com/parley --event message.created',
  command:
    'chatctl command create --org acme deploy --endpoint https://ci.example.com/slash --bot deploy-bot',
}

/** chatctl's help: oclif's, plus an example per topic on the root page. */
export default class ChatctlHelp extends Help {
  protected async showRootHelp() {
    await super.showRootHelp()
    const width = Math.max(...Object.keys(TOPIC_EXAMPLES).map((topic) => topic.length))
    const lines = Object.entries(TOPIC_EXAMPLES).map(
      ([topic, example]) => `${topic.padEnd(width)}  $ ${example}`
    )
    this.log(this.section('EXAMPLES', lines.join('\n')))
    this.log('')
    this.log(
      this.section(
        'MORE',
        'chatctl <topic> <verb> --help shows flags, examples and exit codes. Local mode (the default)\nruns on the server host; remote mode: --url and --token, or chatctl auth login.'
      )
    )
  }
}
