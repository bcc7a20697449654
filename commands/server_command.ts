import { Flags } from '@oclif/core'
import type { ApplicationService } from '@adonisjs/core/types'
import type { OperationId } from '#admin/operation_routes'
import type { OperationProgress } from '#admin/operation'
import { BaseCommand, normalizeError } from './base_command.js'
import { ChatctlError, EXIT_CODES, fromServerErrors } from './errors.js'
import { callRemote, type RemoteTarget } from './client.js'
import { resolveProfile } from './profiles.js'

/** The connection flags every server command has. */
export interface ConnectionFlags {
  url?: string
  token?: string
  profile?: string
  local: boolean
}

/** Options of one operation call. */
export interface CallOptions {
  signal?: AbortSignal
  onProgress?: (progress: OperationProgress) => void
  /**
   * Local mode with no server: compute the result in this process without
   * booting the application (config commands, which must work when the
   * settings would stop a boot).
   */
  withoutBoot?: () => Promise<unknown>
}

/** The outcome of a batch: every item, succeeded or failed with its code. */
export interface BatchResult<R> {
  succeeded: { item: string; result: R }[]
  failed: { item: string; code: string; message: string }[]
}

/**
 * A command that talks to Parley, in one of two modes (as mmctl): **remote**
 * with `--url` and an admin `--token` (or CHATCTL_URL / CHATCTL_TOKEN), over
 * the admin REST API; **local** otherwise (or with `--local`), with the
 * filesystem as the authority: through the running server's local admin
 * socket (so live effects such as disconnects happen there), or, when no
 * server runs, by booting the application in this process against the same
 * database. Every path runs the same admin operation
 * (app/admin/operations.ts), so they print the same result.
 */
export abstract class ServerCommand<T> extends BaseCommand<T> {
  static baseFlags = {
    url: Flags.string({
      summary: 'Base URL of a Parley server (remote mode).',
      env: 'CHATCTL_URL',
      helpGroup: 'CONNECTION',
    }),
    token: Flags.string({
      summary: 'Admin token for remote mode (chatctl token create).',
      env: 'CHATCTL_TOKEN',
      helpGroup: 'CONNECTION',
    }),
    profile: Flags.string({
      summary: 'Saved connection to use (chatctl auth login; default: the current one).',
      env: 'CHATCTL_PROFILE',
      helpGroup: 'CONNECTION',
    }),
    local: Flags.boolean({
      summary:
        "Run on this host: through the running server's admin socket, else in-process (default without --url or a saved profile).",
      default: false,
      helpGroup: 'CONNECTION',
    }),
  }

  #app?: Promise<ApplicationService>
  #databaseApp?: Promise<ApplicationService>
  #database?: import('./local_database.js').LocalDatabase

  /**
   * The remote target, or null for local mode: --local wins, then --url
   * (with --token), then a saved profile (--profile, else the current one
   * of chatctl auth login; --token overrides its token).
   */
  protected remote(flags: ConnectionFlags): RemoteTarget | null {
    if (flags.local) return null
    if (flags.url) return { url: flags.url, token: flags.token }
    const profile = resolveProfile(flags.profile)
    return profile && { url: profile.url, token: flags.token ?? profile.token }
  }

  /** Runs an admin operation locally or remotely, with server-style errors. */
  protected async call<R = unknown>(
    flags: ConnectionFlags,
    id: OperationId,
    input: Record<string, unknown>,
    options: CallOptions = {}
  ): Promise<R> {
    const target = this.remote(flags)
    if (target) return (await callRemote(target, id, input, options.signal)) as R
    const { callLocalSocket, NO_SERVER } = await import('./local_socket_client.js')
    const answered = await callLocalSocket(id, input, options)
    if (answered !== NO_SERVER) return answered as R
    if (options.withoutBoot) return (await options.withoutBoot()) as R
    return this.callInProcess<R>(id, input, options)
  }

  /** Local mode with no server running: the operation runs in this process. */
  private async callInProcess<R>(
    id: OperationId,
    input: Record<string, unknown>,
    options: CallOptions
  ): Promise<R> {
    const app = await this.localDatabaseApp()
    const { runOperation } = await import('#admin/operations')
    try {
      return await runOperation(id, input, { principal: { user: null, mode: 'local' }, ...options })
    } catch (error) {
      const { toErrorReport } = await import('#exceptions/error_shape')
      const report = toErrorReport(error)
      if (report.status >= 500) app.container.make('logger').then((l) => l.error(error))
      throw fromServerErrors(report.errors)
    }
  }

  /** The booted application (local mode): booted once per command, also when a batch asks in parallel. */
  protected localApp() {
    this.#app ??= import('./local_app.js').then(({ bootLocalApp }) => bootLocalApp())
    return this.#app
  }

  /**
   * The booted application connected to the server's database, found by the
   * rules of `npm start` (commands/local_database.ts); E_CONNECTION_FAILED,
   * saying what was tried, when it cannot be reached.
   */
  protected localDatabaseApp() {
    this.#databaseApp ??= (async () => {
      const { prepareLocalDatabase, probeLocalDatabase } = await import('./local_database.js')
      this.#database = await prepareLocalDatabase()
      await probeLocalDatabase(this.#database)
      return this.localApp()
    })()
    return this.#databaseApp
  }

  /**
   * Refuses to work remotely (commands that need this host's files or
   * database) when --url or --profile asks for it; the current profile of
   * chatctl auth login does not apply to them.
   */
  protected localOnly(flags: ConnectionFlags, what: string) {
    if (!flags.local && (flags.url || flags.profile)) {
      throw new ChatctlError(
        `${what} runs on the server host only`,
        'E_LOCAL_ONLY',
        EXIT_CODES.usage,
        [
          'Run it without --url or --profile (unset CHATCTL_URL, CHATCTL_PROFILE) on the server host.',
        ]
      )
    }
  }

  /** Destructive verbs need --confirm. */
  protected requireConfirm(confirm: boolean, what: string) {
    if (!confirm) {
      throw new ChatctlError(`${what} needs --confirm`, 'E_CONFIRM_REQUIRED', EXIT_CODES.usage, [
        'Add --confirm to proceed.',
      ])
    }
  }

  /**
   * Runs `work` for every item in parallel and reports each failure with
   * its code. Exits 5 (partial) when any item failed.
   */
  protected async batch<R>(items: string[], work: (item: string) => Promise<R>) {
    const settled = await Promise.allSettled(items.map((item) => work(item)))
    const result: BatchResult<R> = { succeeded: [], failed: [] }
    settled.forEach((outcome, index) => {
      const item = items[index]
      if (outcome.status === 'fulfilled')
        return result.succeeded.push({ item, result: outcome.value })
      const error = normalizeError(outcome.reason)
      result.failed.push({ item, code: error.code, message: error.message })
    })
    for (const failure of result.failed) {
      this.note(`${failure.item}: ${failure.code} ${failure.message}`)
    }
    if (result.failed.length) process.exitCode = EXIT_CODES.partial
    return result
  }

  async finally(error: Error | undefined) {
    const app = await this.#app?.catch(() => undefined)
    await app?.terminate()
    await this.#database?.stop()
    return super.finally(error)
  }
}
