import { fork, type ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { ROOT } from './processes.js'
import type { LoadResult } from './clients.js'
import type { WorkerCommand, WorkerSpec } from './client_worker.js'

type Command = WorkerCommand extends infer C
  ? C extends { id: number }
    ? Omit<C, 'id'>
    : never
  : never

/** Client processes the bench drives a server from (BENCH_CLIENT_PROCS, at least 2). */
export const CLIENT_PROCS = Math.max(2, Number(process.env.BENCH_CLIENT_PROCS ?? 2))

function cpuMsOf(pid: number) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100
}

/**
 * Sockets spread over CLIENT_PROCS forked client processes (user i in
 * process i mod n), driven together: a closed or open loop runs in every
 * process at once, and deliveries and latencies are summed over them.
 */
export class ClientPool {
  #next = 0
  #pending = new Map<number, { resolve: (value: any) => void; reject: (error: Error) => void }>()

  private constructor(private workers: ChildProcess[]) {
    for (const worker of workers) {
      worker.on('message', (message: { id: number; result?: unknown; error?: string }) => {
        const waiter = this.#pending.get(message.id)
        if (!waiter) return
        this.#pending.delete(message.id)
        if (message.error) waiter.reject(new Error(message.error))
        else waiter.resolve(message.result)
      })
    }
  }

  /** Forks the processes and connects every spec's socket to `url`. */
  static async connect(url: string, specs: WorkerSpec[], processes = CLIENT_PROCS) {
    const workers = Array.from({ length: processes }, () =>
      fork(`${ROOT}bench/lib/client_worker.ts`, [], {
        cwd: ROOT,
        execArgv: ['--import=@poppinss/ts-exec'],
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      })
    )
    const pool = new ClientPool(workers)
    await pool.#all((i) => ({
      type: 'connect',
      url,
      specs: specs.filter((_, k) => k % processes === i),
    }))
    return pool
  }

  #send(worker: ChildProcess, command: Command) {
    const id = this.#next++
    return new Promise<any>((resolve, reject) => {
      this.#pending.set(id, { resolve, reject })
      worker.send({ ...command, id })
    })
  }

  #all(command: (i: number) => Command) {
    return Promise.all(this.workers.map((worker, i) => this.#send(worker, command(i))))
  }

  /** Every socket keeps one send in flight into its `room` for `ms`. */
  async closed(ms: number, room: string): Promise<LoadResult> {
    return this.#sum(await this.#all(() => ({ type: 'closed', ms, room })))
  }

  /** `rate` sends/s in all, split evenly over the processes, for `ms`. */
  async open(rate: number, ms: number, room: string): Promise<LoadResult> {
    const share = rate / this.workers.length
    return this.#sum(await this.#all(() => ({ type: 'open', ms, rate: share, room })))
  }

  #sum(results: LoadResult[]): LoadResult {
    return {
      acked: results.reduce((sum, r) => sum + r.acked, 0),
      failed: results.reduce((sum, r) => sum + r.failed, 0),
      seconds: Math.max(...results.map((r) => r.seconds)),
    }
  }

  /** Starts (optionally from zero) or stops recording deliveries. */
  async record(on: boolean, reset = false) {
    await this.#all(() => ({ type: 'record', on, reset }))
  }

  /** Deliveries and send → deliver latencies recorded in all processes. */
  async stats() {
    const all: { delivered: number; latencies: number[] }[] = await this.#all(() => ({
      type: 'stats',
    }))
    return {
      delivered: all.reduce((sum, s) => sum + s.delivered, 0),
      latencies: all.flatMap((s) => s.latencies),
    }
  }

  /** CPU ms the client processes have used so far. */
  cpuMs() {
    return this.workers.reduce((sum, worker) => sum + cpuMsOf(worker.pid!), 0)
  }

  async close() {
    await this.#all(() => ({ type: 'close' })).catch(() => {})
    this.workers.forEach((worker) => worker.connected && worker.disconnect())
  }
}
