import env from '#start/env'
import { reportEventProblems, socketEventProblems } from '#tests/helpers/asyncapi'

/*
 * A Socket.IO client written from the wire protocol (Engine.IO 4 over a
 * plain WebSocket, Socket.IO 5 packets), with none of socket.io-client's
 * argument handling: what it records is exactly what a client in any
 * language receives. Protocol: `0{…}` open, `2`/`3` ping/pong, `40{auth}`
 * connect, `42[name, …args]` event, `42<id>[…]` event with ack, `43<id>[…]` ack.
 */

/** One EVENT packet as received: its name and every argument after it. */
export interface RawEvent {
  name: string
  args: unknown[]
}

/** A raw Socket.IO connection; `connect()` resolves with the CONNECT packet's data. */
export class RawSocket {
  /** Every EVENT packet received, in order. */
  readonly events: RawEvent[] = []
  /** CONNECT (`40`) and CONNECT_ERROR (`44`) packets' data. */
  connectData?: Record<string, unknown>
  #ws: WebSocket
  #nextId = 1
  #acks = new Map<number, (args: unknown[]) => void>()
  #waiters: (() => void)[] = []

  constructor(url = `ws://${env.get('HOST')}:${env.get('PORT')}`) {
    this.#ws = new WebSocket(`${url}/socket.io/?EIO=4&transport=websocket`)
    this.#ws.addEventListener('message', (message) => this.#onFrame(String(message.data)))
  }

  /** Sends the CONNECT packet with `auth` and waits for the server's answer. */
  async connect(auth: Record<string, unknown>): Promise<Record<string, unknown>> {
    if (this.#ws.readyState !== WebSocket.OPEN) {
      await new Promise((resolve, reject) => {
        this.#ws.addEventListener('open', resolve, { once: true })
        this.#ws.addEventListener('error', reject, { once: true })
      })
    }
    this.#ws.send(`40${JSON.stringify(auth)}`)
    await this.until(() => this.connectData !== undefined)
    return this.connectData!
  }

  /** Emits an event with an ack; resolves with every argument of the ack packet. */
  request(name: string, payload: unknown): Promise<unknown[]> {
    const id = this.#nextId++
    return new Promise((resolve) => {
      this.#acks.set(id, resolve)
      this.#ws.send(`42${id}${JSON.stringify([name, payload])}`)
    })
  }

  /** Emits an event without an ack. */
  emit(name: string, payload: unknown) {
    this.#ws.send(`42${JSON.stringify([name, payload])}`)
  }

  /** Resolves once `condition` holds (checked on every packet), or fails after 5 s. */
  until(condition: () => boolean, timeout = 5000): Promise<void> {
    if (condition()) return Promise.resolve()
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        const names = this.events.map((event) => event.name).join(', ')
        reject(new Error(`raw socket: condition not met; received: ${names}`))
      }, timeout)
      const check = () => {
        if (!condition()) return this.#waiters.push(check)
        clearTimeout(timer)
        resolve()
      }
      this.#waiters.push(check)
    })
  }

  /** The events received with a name. */
  named(name: string) {
    return this.events.filter((event) => event.name === name)
  }

  close() {
    this.#ws.close()
  }

  #onFrame(frame: string) {
    if (frame === '2') return this.#ws.send('3')
    if (frame.startsWith('40') || frame.startsWith('44')) {
      this.connectData = JSON.parse(frame.slice(2) || '{}')
    } else if (frame.startsWith('42')) {
      const [name, ...args] = JSON.parse(frame.slice(2).replace(/^\d+/, '')) as [string]
      this.events.push({ name, args })
      reportEventProblems(socketEventProblems(name, args))
    } else if (frame.startsWith('43')) {
      const [, id, body] = /^43(\d+)(.*)$/s.exec(frame)!
      this.#acks.get(Number(id))?.(JSON.parse(body))
      this.#acks.delete(Number(id))
    }
    const waiting = this.#waiters.splice(0)
    for (const check of waiting) check()
  }
}
