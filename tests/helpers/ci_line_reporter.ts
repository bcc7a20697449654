import { BaseReporter } from '@japa/runner/core'

/**
 * Prints the one plain line CI reads, `tests: N passed, N failed`, after the
 * spec reporter's summary. A run that errored outside any test (a failed
 * setup hook) counts as one failure so that it can never look green.
 */
export class CiLineReporter extends BaseReporter {
  protected async end() {
    const summary = this.runner!.getSummary()
    const { passed, failed } = summary.aggregates
    const counted = summary.hasError && failed === 0 ? 1 : failed
    process.stdout.write(`tests: ${passed} passed, ${counted} failed\n`)
  }
}
