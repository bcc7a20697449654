import logger from '@adonisjs/core/services/logger'

const pending = new Set<Promise<void>>()

/**
 * Runs work after the response, on this node: mail that a request asked for
 * (a reset link, a verification link), so that the answer neither waits for
 * SMTP nor, for a password reset, takes longer when the address has an
 * account. A failure is logged; the person can ask again.
 */
export function runInBackground(label: string, work: () => Promise<unknown>) {
  const task: Promise<void> = Promise.resolve()
    .then(work)
    .then(
      () => {},
      (error) => logger.error({ err: error }, `${label} failed`)
    )
    .finally(() => pending.delete(task))
  pending.add(task)
}

/** Resolves once every background task started so far has finished (tests, shutdown). */
export async function backgroundSettled() {
  while (pending.size) await Promise.allSettled([...pending])
}
