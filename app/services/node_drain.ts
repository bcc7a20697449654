import { writeSync } from 'node:fs'
import logger from '@adonisjs/core/services/logger'

/** Default DRAIN_TIMEOUT_MS: under Kubernetes' default 30 s grace period. */
export const DEFAULT_DRAIN_TIMEOUT_MS = 25_000

/**
 * What the drain waits for is bounded by the deadline minus this reserve, so
 * that the providers' shutdown (heartbeat row removed, jobs stopped, pools
 * closed) still runs before the hard exit.
 */
const SHUTDOWN_RESERVE_MS = 3000

/**
 * One part of the node that has something to finish before the process
 * stops. Phases run in this order, every participant of a phase together:
 *
 * - `refuse`: stop taking new work (responses close their connection,
 *   socket events are refused with E_SERVER_DRAINING);
 * - `settle`: let work already started finish (HTTP requests, socket
 *   events, group-commit batches);
 * - `deliver`: let the fan-outs of that work reach the transports;
 * - `stop`: close the listening socket;
 * - `disconnect`: hand clients to other nodes (sockets told to reconnect,
 *   SSE streams closed);
 * - `close`: wait for the last connections.
 */
export interface DrainParticipant {
  name: string
  phase: 'refuse' | 'settle' | 'deliver' | 'stop' | 'disconnect' | 'close'
  /**
   * Runs the step; `until` is the time (ms epoch) after which it should stop
   * waiting. `false` means it gave up there with work unfinished.
   */
  run(until: number): Promise<boolean | void> | boolean | void
}

const PHASES: DrainParticipant['phase'][] = [
  'refuse',
  'settle',
  'deliver',
  'stop',
  'disconnect',
  'close',
]

/** Resolves when `work` settles or at `until`, whichever is first; true when it settled. */
export async function settleBy(work: Promise<unknown>, until: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), Math.max(0, until - Date.now()))
  })
  const done = work.then(
    () => true as const,
    () => true as const
  )
  try {
    return await Promise.race([done, late])
  } finally {
    clearTimeout(timer)
  }
}

/**
 * The graceful drain of a server node (docs/deploy.md, Draining). On SIGTERM
 * (bin/server.ts) the node first says it is draining (`/health/ready`
 * answers 503), then runs the participants the providers registered, phase
 * by phase, each bounded by the drain deadline; the application's own
 * shutdown follows (heartbeat row removed from parley_nodes, jobs, pools).
 */
export class NodeDrain {
  #draining = false
  #participants: DrainParticipant[] = []
  #running?: Promise<void>
  #incomplete: string[] = []

  /** Whether the node is draining (readiness fails, new work is refused). */
  get draining() {
    return this.#draining
  }

  /** The steps that gave up at the deadline with work unfinished. */
  get incomplete(): string[] {
    return [...this.#incomplete]
  }

  /** Adds a participant (providers, in `ready()`). */
  register(participant: DrainParticipant) {
    this.#participants.push(participant)
  }

  /** Runs the drain once; later calls return the same promise. */
  run(timeoutMs: number): Promise<void> {
    const start = stopArmedAt ?? Date.now()
    this.#running ??= this.#run(start + Math.max(0, timeoutMs - SHUTDOWN_RESERVE_MS))
    return this.#running
  }

  async #run(until: number) {
    this.#draining = true
    logger.info('draining: readiness off, refusing new work')
    for (const phase of PHASES) {
      const steps = this.#participants.filter((participant) => participant.phase === phase)
      await Promise.all(
        steps.map(async (step) => {
          try {
            if ((await step.run(until)) === false) {
              this.#incomplete.push(step.name)
              logger.warn({ step: step.name }, 'drain step gave up at the deadline')
            }
          } catch (error) {
            this.#incomplete.push(step.name)
            logger.error({ err: error, step: step.name }, 'drain step failed')
          }
        })
      )
    }
    if (!this.#incomplete.length) logger.info('drained')
  }
}

let stopDeadline: NodeJS.Timeout | undefined
/** When SIGTERM armed the stop's deadline: the drain's budget counts from there. */
let stopArmedAt: number | undefined

/**
 * Bounds the whole stop of this process: past `timeoutMs` it exits with
 * code 1 whatever is left. Armed on SIGTERM itself (bin/server.ts), not
 * in a terminating hook: a node told to stop while its providers are still
 * getting ready has no drain hook yet, and AdonisJS's own hook (closing the
 * HTTP server) would then wait for its open sockets forever. Idempotent.
 */
export function armStopDeadline(timeoutMs: number) {
  if (stopDeadline) return
  stopArmedAt = Date.now()
  stopDeadline = setTimeout(() => {
    process.exitCode = 1
    const message = `drain: not stopped within DRAIN_TIMEOUT_MS (${timeoutMs} ms); exiting`
    void flushLogs().finally(() => {
      lastWords(message, { incomplete: nodeDrain.incomplete })
      process.exit(1)
    })
  }, timeoutMs)
  stopDeadline.unref()
}

/** How long the hard exit waits for the log transport to write what it holds. */
const LOG_FLUSH_MS = 1000

/**
 * Lets the log transport (a worker thread) write what it was handed, so
 * the lines saying why the node stopped (which drain step gave up) are not
 * lost to the hard exit. Bounded: it resolves at LOG_FLUSH_MS regardless.
 */
function flushLogs() {
  return new Promise<void>((resolve) => {
    setTimeout(resolve, LOG_FLUSH_MS).unref()
    try {
      logger.use().pino.flush(() => resolve())
    } catch {
      resolve()
    }
  })
}

/**
 * Writes the hard exit's reason as one JSON log line on stderr, synchronously:
 * the log transport is a worker thread that `process.exit` may stop before
 * it writes, and this line (with the steps that gave up) is the one an
 * operator needs to see why the node stopped with code 1.
 */
function lastWords(msg: string, fields: Record<string, unknown>) {
  const line = { level: 50, time: Date.now(), pid: process.pid, name: 'parley', ...fields, msg }
  try {
    writeSync(2, `${JSON.stringify(line)}\n`)
  } catch {
    // stderr closed: nothing left to tell
  }
}

/** The drain of this process. */
const nodeDrain = new NodeDrain()
export default nodeDrain
