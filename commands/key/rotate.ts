import { Flags } from '@oclif/core'
import { ServerCommand } from '../server_command.js'
import { describe, EXIT_CODES } from '../errors.js'
import { details, progressBar } from '../output.js'
import { generateKeyringVersion, type GeneratedVersion } from './keyring_file.js'
import type { OperationProgress } from '#admin/operation'
import type { RemoteTarget } from '../client.js'

/** What the rotation itself did (rewrap, then re-encryption when asked). */
export interface RotationResult {
  currentVersion: number
  rewrapped: number
  reencryption: {
    runId: string
    resumed: boolean
    rooms: number
    roomsTotal: number
    rows: number
    rowsTotal: number
  } | null
  aborted: boolean
}

/** What `key rotate` returns: a generated version, or a rotation. */
export interface KeyRotateResult {
  generated: GeneratedVersion | null
  rotation: RotationResult | null
}

/** Rotates the at-rest master key. */
export default class KeyRotate extends ServerCommand<KeyRotateResult> {
  static summary = 'Rotate the master key of encryption at rest.'
  static description = describe(
    [
      "Two steps, because the keyring lives in each node's environment (ENCRYPTION_KEYS):",
      '1. `key rotate --generate` (server host only) appends a new version to ENCRYPTION_KEYS in the env file (.env of the app, or --env-path) and stops. Copy the new value to every node and restart them: the highest version now wraps new room keys, older ones still open theirs.',
      '2. `key rotate` rewraps every room key under the current version, online. With --reencrypt it also gives every room a new key and re-encrypts all message bodies in batches; interrupted (Ctrl-C, kill, lost connection), the next run resumes where it stopped. Old versions can be dropped from ENCRYPTION_KEYS once `key status` shows none in use.',
    ].join('\n')
  )
  static examples = [
    '<%= config.bin %> <%= command.id %> --generate',
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> --reencrypt --batch-size 200 --pause 50',
    '<%= config.bin %> <%= command.id %> --reencrypt --url https://chat.acme.test --json',
  ]
  /** Not `--env-file`: Node reads that flag anywhere on the command line (and fails on a missing file). */
  static flags = {
    'generate': Flags.boolean({
      summary: 'Add a new master key version to the env file and stop.',
      default: false,
    }),
    'env-path': Flags.string({
      summary: 'Env file that --generate updates (default: .env of the app).',
    }),
    'print': Flags.boolean({
      summary: 'With --generate: also print the new ENCRYPTION_KEYS value.',
      default: false,
    }),
    'reencrypt': Flags.boolean({
      summary: 'Also replace room keys and re-encrypt every body (resumable).',
      default: false,
    }),
    'batch-size': Flags.integer({ summary: 'Rows per transaction (1–5000).', min: 1, max: 5000 }),
    'pause': Flags.integer({
      summary: 'Milliseconds to wait between re-encryption batches (0–10000).',
      min: 0,
      max: 10000,
    }),
  }

  async run() {
    const { flags } = await this.parse(KeyRotate)
    if (flags.generate) {
      this.localOnly(flags, 'key rotate --generate')
      const app = await this.localApp()
      const generated = await generateKeyringVersion(app, flags['env-path'], flags.print)
      if (generated.overriddenByEnvironment) {
        this.note(
          'ENCRYPTION_KEYS is also set in the process environment, which wins over the file: update it there too.'
        )
      }
      this.log(details({ version: `v${generated.version}`, envFile: generated.envFile }))
      if (generated.value) this.log(`ENCRYPTION_KEYS=${generated.value}`)
      this.log(
        '\nNext: give every node the new ENCRYPTION_KEYS, restart them, then run `chatctl key rotate`.'
      )
      return { generated, rotation: null }
    }
    const rotation = await this.rotate(flags)
    if (rotation.aborted) {
      this.note('Interrupted: run the same command again to resume.')
      process.exitCode = EXIT_CODES.interrupted
    }
    if (!rotation.rewrapped && !rotation.reencryption && !rotation.aborted) {
      this.note(
        `Nothing to rewrap: every room key is under v${rotation.currentVersion}. Use --generate to add a version.`
      )
    }
    this.log(
      details({
        currentVersion: `v${rotation.currentVersion}`,
        rewrapped: rotation.rewrapped,
        ...(rotation.reencryption ?? {}),
      })
    )
    return { generated: null, rotation }
  }

  private async rotate(
    flags: {
      'reencrypt': boolean
      'batch-size'?: number
      'pause'?: number
      'json'?: boolean
    } & Parameters<ServerCommand<unknown>['remote']>[0]
  ) {
    const aborter = new AbortController()
    const stop = () => aborter.abort()
    process.once('SIGINT', stop)
    process.once('SIGTERM', stop)
    const bar = progressBar(!this.jsonEnabled())
    let phase = ''
    const onProgress = (progress: OperationProgress) => {
      if (!bar) return
      if (progress.phase !== phase) {
        if (phase) bar.stop()
        phase = progress.phase
        bar.start(progress.total, 0, { phase })
      }
      bar.setTotal(progress.total)
      bar.update(progress.done, { phase })
    }
    const target = this.remote(flags)
    const poller = bar && target ? await pollProgress(target, flags.reencrypt, onProgress) : null
    try {
      const result = await this.call<RotationResult>(
        flags,
        'key:rotate',
        { reencrypt: flags.reencrypt, batchSize: flags['batch-size'], pauseMs: flags.pause },
        { signal: aborter.signal, onProgress }
      )
      await poller?.stop()
      return result
    } finally {
      await poller?.stop()
      bar?.stop()
      process.off('SIGINT', stop)
      process.off('SIGTERM', stop)
    }
  }
}

/** What the progress poll reads of `key status`. */
interface StatusForProgress {
  keysPendingRewrap: number
  rowsPendingReencryption: number
  lastRun: { id: string; finishedAt: string | null; rowsDone: number } | null
}

/**
 * Remote mode's progress: the HTTP call answers only at the end, so the
 * bar follows `key status` (GET /admin/keys/status) twice a second while it
 * runs: room keys left to rewrap, then the open run's rows done out of done
 * plus pending. `stop()` reads it once more, so the bar ends on the final
 * counts.
 */
async function pollProgress(
  target: RemoteTarget,
  reencrypt: boolean,
  report: (progress: OperationProgress) => void
) {
  const { callRemote } = await import('../client.js')
  let toRewrap: number | null = null
  /** A run that had already finished before this rotation (not this one's progress). */
  let finishedBefore: string | null = null
  const tick = async () => {
    const status = (await callRemote(target, 'key:status', {}).catch(
      () => null
    )) as StatusForProgress | null
    if (!status) return
    const run = status.lastRun
    if (toRewrap === null) {
      toRewrap = status.keysPendingRewrap
      finishedBefore = run?.finishedAt ? run.id : null
    }
    if (reencrypt && run && run.id !== finishedBefore) {
      const total = run.rowsDone + status.rowsPendingReencryption
      if (total > 0 || run.rowsDone > 0) {
        return report({ phase: 'reencrypt', done: run.rowsDone, total })
      }
    }
    report({ phase: 'rewrap', done: toRewrap - status.keysPendingRewrap, total: toRewrap })
  }
  await tick()
  let stopped = false
  let pending = Promise.resolve()
  const timer = setInterval(() => {
    pending = pending.then(tick)
  }, 500)
  return {
    async stop() {
      if (stopped) return
      stopped = true
      clearInterval(timer)
      await pending
      await tick()
    },
  }
}
