import { Flags } from '@oclif/core'
import { ServerCommand } from '../server_command.js'
import { describe, EXIT_CODES } from '../errors.js'
import { details, progressBar } from '../output.js'

/** What `search backfill` returns. */
export interface SearchBackfillResult {
  indexed: number
  total: number
  remaining: number
  aborted: boolean
  /** With --background: queued for the server's workers (indexed is then 0). */
  queued: boolean
}

/** Indexes the messages the blind search index lacks. */
export default class SearchBackfill extends ServerCommand<SearchBackfillResult> {
  static summary = 'Index messages that search cannot find yet.'
  static description = describe(
    [
      'Adds the blind search index rows of messages that have none: messages sent before search existed, typically. New messages and edits are indexed as they are written, so this is needed once after an upgrade.',
      'Runs online in short batches; interrupted (Ctrl-C, kill, lost connection), the next run resumes where it stopped. remaining counts what is still unindexed (messages under a destroyed room key never are).',
      "With --background the server's job workers run it (retried and resumed after a failure or a restart; progress in the server log) and the command returns at once with the work left.",
    ].join('\n')
  )
  static examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> --batch-size 200 --pause 50',
    '<%= config.bin %> <%= command.id %> --background',
    '<%= config.bin %> <%= command.id %> --url https://chat.acme.test --json',
  ]
  static flags = {
    'background': Flags.boolean({
      summary: "Queue the backfill for the server's job workers and return at once.",
      default: false,
    }),
    'batch-size': Flags.integer({
      summary: 'Messages per transaction (1–5000).',
      min: 1,
      max: 5000,
    }),
    'pause': Flags.integer({
      summary: 'Milliseconds to wait between batches (0–10000).',
      min: 0,
      max: 10000,
    }),
  }

  async run() {
    const { flags } = await this.parse(SearchBackfill)
    const aborter = new AbortController()
    const stop = () => aborter.abort()
    process.once('SIGINT', stop)
    process.once('SIGTERM', stop)
    const bar = progressBar(!this.jsonEnabled() && !this.remote(flags))
    let started = false
    let result: SearchBackfillResult
    try {
      result = await this.call<SearchBackfillResult>(
        flags,
        'search:backfill',
        { background: flags.background, batchSize: flags['batch-size'], pauseMs: flags.pause },
        {
          signal: aborter.signal,
          onProgress: (progress) => {
            if (!bar) return
            if (!started) bar.start(progress.total, 0, { phase: 'index' })
            started = true
            bar.setTotal(progress.total)
            bar.update(progress.done, { phase: 'index' })
          },
        }
      )
    } finally {
      bar?.stop()
      process.off('SIGINT', stop)
      process.off('SIGTERM', stop)
    }
    if (result.queued) this.note("Queued: the server's job workers run it; see the server log.")
    if (result.aborted) {
      this.note('Interrupted: run the same command again to resume.')
      process.exitCode = EXIT_CODES.interrupted
    }
    this.log(details({ ...result }))
    return result
  }
}
