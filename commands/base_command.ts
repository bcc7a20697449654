import { Command } from '@oclif/core'
import { ChatctlError, EXIT_CODES, EXIT_CODES_HELP, exitCodeFor } from './errors.js'

/** The `--json` envelope of a success; `status` is the exit code (5 for a partial batch). */
export interface SuccessEnvelope<T> {
  status: number
  result: T
  warnings: string[]
}

/** The `--json` envelope of a failure, with the server's `E_*` code. */
export interface ErrorEnvelope {
  status: number
  code: string
  message: string
  actions: string[]
}

/**
 * The base of every chatctl command: `--json` is the contract. `run()`
 * returns the result, which `--json` wraps in `{ status, result, warnings }`;
 * failures become `{ status, code, message, actions }` with the server's
 * `E_*` code and a documented non-zero exit (EXIT_CODES). Human output goes
 * through `this.log` (silent under `--json`), warnings through `this.note`.
 */
export abstract class BaseCommand<T> extends Command {
  static enableJsonFlag = true

  /** Appended to every command's description in `--help`. */
  static exitCodesHelp = EXIT_CODES_HELP

  /** Warnings gathered during the run, reported in the envelope. */
  protected warnings: string[] = []

  abstract run(): Promise<T>

  /** Records a warning: in the envelope under `--json`, on stderr otherwise. */
  protected note(message: string) {
    this.warnings.push(message)
    this.logToStderr(`Warning: ${message}`)
  }

  protected toSuccessJson(result: T): SuccessEnvelope<T> {
    return { status: Number(process.exitCode ?? 0), result, warnings: this.warnings }
  }

  protected toErrorJson(error: unknown): ErrorEnvelope {
    const known = normalizeError(error)
    return {
      status: known.exitCode,
      code: known.code,
      message: known.message,
      actions: known.actions,
    }
  }

  async catch(error: Error & { oclif?: { exit?: number } }) {
    if (error.oclif?.exit === 0) return
    const known = normalizeError(error)
    process.exitCode = known.exitCode
    if (this.jsonEnabled()) {
      this.logJson(this.toErrorJson(known))
      return
    }
    process.stderr.write(`Error (${known.code}): ${known.message}\n`)
    for (const action of known.actions) process.stderr.write(`  Try: ${action}\n`)
  }
}

/** Any thrown value as a ChatctlError (oclif's flag errors are E_USAGE, exit 2). */
export function normalizeError(error: unknown): ChatctlError {
  if (error instanceof ChatctlError) return error
  const value = error as { message?: string; code?: string; oclif?: { exit?: number } }
  if (value?.oclif?.exit === EXIT_CODES.usage || isParseError(error)) {
    return new ChatctlError(value.message ?? 'Invalid usage', 'E_USAGE', EXIT_CODES.usage, [
      'Run the command with --help.',
    ])
  }
  if (value?.code?.startsWith('E_')) {
    const help = (error as { help?: unknown }).help
    const message = typeof help === 'string' && help ? `${value.message}:\n${help}` : value.message
    return new ChatctlError(message ?? value.code, value.code, exitCodeFor(value.code))
  }
  return new ChatctlError(value?.message ?? String(error), 'E_INTERNAL', EXIT_CODES.failed)
}

function isParseError(error: unknown) {
  const name = (error as { constructor?: { name?: string } })?.constructor?.name ?? ''
  return /Flag|Arg|Parse|Option|Exclusive/.test(name)
}
