import { Flags } from '@oclif/core'
import { ServerCommand } from '../server_command.js'
import { ChatctlError, describe, EXIT_CODES } from '../errors.js'
import { details } from '../output.js'
import { appSetting } from '../app_env.js'

/** What `auth login` returns (never the token). */
export interface AuthLoginResult {
  profile: string
  url: string
  current: boolean
  file: string
  /** With --user: the id of the admin token created for the profile. */
  tokenId: number | null
}

/** Saves a remote connection. */
export default class AuthLogin extends ServerCommand<AuthLoginResult> {
  static summary = 'Save a connection for remote mode (URL and admin token) as a named profile.'
  static description = describe(
    [
      'Checks the admin token against the server (chatctl token create makes one), then saves URL and token under --profile (default: "default") in the profiles file (CHATCTL_CONFIG, else ~/.config/chatctl/profiles.json), written owner-only (0600). The profile becomes the current one: commands then run remotely with it unless given --local, --url or another --profile (local-only commands such as db migrate still run on this host).',
      "On the server host, --user <admin> instead creates an admin token for that server admin (local mode, as token create) and saves it; the URL then defaults to APP_URL, else http://<HOST>:<PORT> of the server's settings.",
    ].join('\n')
  )
  static examples = [
    '<%= config.bin %> <%= command.id %> --url https://chat.acme.example --token pla_...',
    '<%= config.bin %> <%= command.id %> --profile staging --url https://staging.acme.example --token pla_... --json',
    '<%= config.bin %> <%= command.id %> --user ops',
  ]
  static flags = {
    url: Flags.string({ summary: 'Base URL of the Parley server (with --user: APP_URL).' }),
    token: Flags.string({
      summary: 'Admin token (chatctl token create).',
      env: 'CHATCTL_TOKEN',
      exclusive: ['user'],
    }),
    user: Flags.string({
      summary: 'On the server host: create an admin token for this server admin and save it.',
    }),
    profile: Flags.string({ summary: 'Name of the profile.', default: 'default' }),
  }

  async run() {
    const { flags } = await this.parse(AuthLogin)
    const url = flags.url ?? (flags.user ? serverAddress() : undefined)
    if (!url || (!flags.token && !flags.user)) {
      throw new ChatctlError(
        'auth login needs --url and --token, or --user on the server host',
        'E_USAGE',
        EXIT_CODES.usage,
        ['chatctl auth login --url https://chat.example.com --token pla_...']
      )
    }
    let token = flags.token
    let tokenId: number | null = null
    if (flags.user) {
      const created = await this.call<{ id: number; token: string }>(
        { local: true },
        'token:create',
        { user: flags.user, name: `chatctl auth login (${flags.profile})` }
      )
      token = created.token
      tokenId = created.id
    }
    const { callRemote } = await import('../client.js')
    const { profilesPath, readProfiles, writeProfiles } = await import('../profiles.js')
    await callRemote({ url, token }, 'token:list', { user: flags.user })
    const saved = readProfiles()
    saved.profiles[flags.profile] = { url, token: token! }
    saved.current = flags.profile
    writeProfiles(saved)
    const result = { profile: flags.profile, url, current: true, file: profilesPath(), tokenId }
    this.log(
      details({ profile: `${result.profile} (current)`, url: result.url, file: result.file })
    )
    return result
  }
}

/** The server's public address from its settings: APP_URL, else http://HOST:PORT. */
function serverAddress() {
  const appUrl = appSetting('APP_URL')
  if (appUrl) return appUrl
  const host = appSetting('HOST') ?? '127.0.0.1'
  const reachable = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host
  return `http://${reachable}:${appSetting('PORT') ?? 3000}`
}
