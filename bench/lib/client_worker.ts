/*
 * One client process of the bench (forked by client_pool.ts): holds a share
 * of the sockets, sends from them on command and records what they receive.
 * Several of these drive a server, so the client side is not what caps the
 * bare relay's ceiling.
 */
import {
  closedLoop,
  closeAll,
  connectAll,
  openLoop,
  Recorder,
  type BenchSocket,
  type Sender,
} from './clients.js'

/** A socket this process opens: its user, handshake auth and the rooms it sends into. */
export interface WorkerSpec {
  userId: string
  auth: Record<string, unknown>
  rooms: Record<string, string | undefined>
}

/** Commands from the pool; each is answered with one message carrying the same `id`. */
export type WorkerCommand =
  | { id: number; type: 'connect'; url: string; specs: WorkerSpec[] }
  | { id: number; type: 'closed'; ms: number; room: string }
  | { id: number; type: 'open'; ms: number; rate: number; room: string }
  | { id: number; type: 'record'; on: boolean; reset: boolean }
  | { id: number; type: 'stats' }
  | { id: number; type: 'close' }

const recorder = new Recorder()
let sockets: BenchSocket[] = []
let specs: WorkerSpec[] = []

function senders(room: string): Sender[] {
  return sockets.map((entry, i) => ({ socket: entry.socket, roomId: specs[i].rooms[room]! }))
}

async function run(command: WorkerCommand): Promise<unknown> {
  switch (command.type) {
    case 'connect':
      specs = command.specs
      sockets = await connectAll(command.url, specs, recorder)
      return { sockets: sockets.length }
    case 'closed':
      return closedLoop(senders(command.room), command.ms)
    case 'open':
      return openLoop(senders(command.room), command.rate, command.ms)
    case 'record':
      if (command.reset) recorder.reset()
      recorder.recording = command.on
      return {}
    case 'stats':
      return { delivered: recorder.delivered, latencies: recorder.latencies }
    case 'close':
      await closeAll(sockets)
      setTimeout(() => process.exit(0), 50)
      return {}
  }
}

process.on('message', (command: WorkerCommand) => {
  run(command).then(
    (result) => process.send!({ id: command.id, result }),
    (error) => process.send!({ id: command.id, error: String(error?.stack ?? error) })
  )
})
process.on('disconnect', () => process.exit(0))
