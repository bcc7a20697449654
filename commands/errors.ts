/**
 * chatctl's exit codes, shown in every command's help. The JSON envelope's
 * `status` is the same number.
 */
export const EXIT_CODES = {
  ok: 0,
  /** The server refused or failed: E_NOT_FOUND, E_CONFLICT, E_FORBIDDEN, E_INTERNAL… */
  failed: 1,
  /** Bad flags or input: E_USAGE, E_VALIDATION_ERROR, E_CONFIRM_REQUIRED, E_LOCAL_ONLY. */
  usage: 2,
  /** No or wrong admin token: E_UNAUTHORIZED. */
  unauthorized: 3,
  /** The server could not be reached: E_CONNECTION_FAILED. */
  unreachable: 4,
  /** A batch ran and some of its items failed (each one is reported). */
  partial: 5,
  /** `key rotate` refused: a live node lacks the target master key (E_KEYRING_NOT_DEPLOYED). */
  keyringNotDeployed: 6,
  /** `key verify` found problems (each one is listed in the result). */
  keyProblems: 7,
  /** `config check` found problems (each one is listed in the result). */
  configProblems: 8,
  /** Interrupted (Ctrl-C); resumable work such as `key rotate --reencrypt` resumes on the next run. */
  interrupted: 130,
} as const

/** The exit codes as a help section. */
export const EXIT_CODES_HELP = `Exit codes: 0 success · 1 the operation failed (E_NOT_FOUND, E_CONFLICT, E_FORBIDDEN, …) · 2 bad flags or input (E_USAGE, E_VALIDATION_ERROR, E_CONFIRM_REQUIRED, E_LOCAL_ONLY) · 3 E_UNAUTHORIZED · 4 E_CONNECTION_FAILED · 5 some items of a batch failed · 6 E_KEYRING_NOT_DEPLOYED (a live node lacks the new master key: restart it with the new ENCRYPTION_KEYS) · 7 key verify found problems · 8 config check found problems · 130 interrupted.`

/** An error with a server-style `E_*` code, as chatctl reports it. */
export class ChatctlError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly exitCode: number = EXIT_CODES.failed,
    readonly actions: string[] = []
  ) {
    super(message)
  }
}

/** The exit code of a server error code. */
export function exitCodeFor(code: string): number {
  if (code === 'E_UNAUTHORIZED') return EXIT_CODES.unauthorized
  if (code === 'E_CONNECTION_FAILED') return EXIT_CODES.unreachable
  if (code === 'E_KEYRING_NOT_DEPLOYED') return EXIT_CODES.keyringNotDeployed
  if (['E_VALIDATION_ERROR', 'E_USAGE', 'E_CONFIRM_REQUIRED', 'E_LOCAL_ONLY'].includes(code)) {
    return EXIT_CODES.usage
  }
  return EXIT_CODES.failed
}

/** One entry of the server's error shape (DESIGN.md §10). */
export interface ServerError {
  code: string
  message: string
  field?: string
}

/** A ChatctlError from the server's `{ errors: [...] }` (or the same, computed locally). */
export function fromServerErrors(errors: ServerError[]) {
  const first = errors[0] ?? { code: 'E_INTERNAL', message: 'Unknown error' }
  const message = errors
    .map((error) => (error.field ? `${error.field}: ${error.message}` : error.message))
    .join('; ')
  return new ChatctlError(message, first.code, exitCodeFor(first.code))
}

/** A command description followed by the exit codes, for `--help`. */
export function describe(text: string) {
  return `${text}\n\n${EXIT_CODES_HELP}`
}
