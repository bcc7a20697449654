import { io as ioClient } from 'socket.io-client'
import type { Organization } from '#extensions/types'
import type { UserWithToken } from '#tests/helpers/users'
import type { ClientSocket } from '#tests/helpers/sockets'
import { startServer, type ServerProcess } from '#tests/helpers/server_process'
import * as e2e from '../../../packages/client/src/e2e/index.js'

/*
 * e2e-keys test fixtures. The plugin is enabled the way an operator does it:
 * a real Parley server in a child process with PARLEY_PLUGINS=e2e-keys,
 * sharing the test database. Test users act through `E2eUser`, a real client
 * built on the plugin's client helper: it keeps its private keys, talks REST
 * and Socket.IO to the child server, and verifies what the server serves.
 */

/** Starts the child server with e2e-keys enabled. */
export function startE2eServer(env: Record<string, string> = {}): Promise<ServerProcess> {
  return startServer({ PARLEY_PLUGINS: 'e2e-keys', E2E_MAX_DEVICES: '5', ...env })
}

/** An HTTP answer of the child server. */
export interface Answer {
  status: number
  body: any
}

/** Calls the child server as `who` (or anonymously), in `org` when given. */
export async function call(
  server: ServerProcess,
  who: UserWithToken | null,
  org: Organization | null,
  method: string,
  path: string,
  body?: unknown
): Promise<Answer> {
  const headers: Record<string, string> = { accept: 'application/json' }
  if (body !== undefined) headers['content-type'] = 'application/json'
  if (who) headers.authorization = `Bearer ${who.token}`
  if (org) headers['x-organization-id'] = org.id
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await response.text()
  return { status: response.status, body: text ? JSON.parse(text) : null }
}

/** Fails the test with the answer when its status is not the expected one. */
export function expectStatus(answer: Answer, status: number) {
  if (answer.status !== status) {
    throw new Error(`expected ${status}, got ${answer.status}: ${JSON.stringify(answer.body)}`)
  }
  return answer.body
}

/** Resolves with the next `event` on a socket (rejects after 10 s: the event never came). */
export function nextEvent<T = any>(socket: ClientSocket, event: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no "${event}" event`)), 10_000)
    socket.once(event as any, (payload: T) => {
      clearTimeout(timer)
      resolve(payload)
    })
  })
}

/** Collects every `event` a socket receives from now on. */
export function collect<T = any>(socket: ClientSocket, event: string): T[] {
  const seen: T[] = []
  socket.on(event as any, (payload: T) => seen.push(payload))
  return seen
}

/**
 * A user acting as a real end-to-end client: one device with its own keys,
 * the room keys it could open, the key log heads it pinned.
 */
export class E2eUser {
  device!: e2e.DeviceKeys
  socket?: ClientSocket
  roomKeys = new Map<string, Map<number, Uint8Array<ArrayBuffer>>>()
  pinned = new Map<string, { seq: number; hash: string }>()

  constructor(
    readonly server: ServerProcess,
    readonly who: UserWithToken,
    readonly org: Organization
  ) {}

  get id() {
    return this.who.user.id
  }

  /** REST call as this user in their organization. */
  call(method: string, path: string, body?: unknown) {
    return call(this.server, this.who, this.org, method, path, body)
  }

  /** Generates this device's keys and registers them. */
  async register(options: Parameters<typeof e2e.generateDeviceKeys>[0] = {}) {
    this.device = await e2e.generateDeviceKeys(options)
    const body = await e2e.deviceRegistration(this.device, this.id)
    expectStatus(await this.call('PUT', `/keys/devices/${this.device.deviceId}`, body), 201)
    return this
  }

  /** Opens a socket to the child server and waits for `connected`. */
  async connect() {
    const socket: ClientSocket = ioClient(this.server.url, {
      auth: { token: this.who.token, organizationId: this.org.id },
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
    })
    await new Promise<void>((resolve, reject) => {
      socket.once('connected', () => resolve())
      socket.once('connect_error', reject)
    })
    this.socket = socket
    return socket
  }

  /** Fetches and verifies a user's key log, checking it still contains the head pinned before. */
  async verifiedDevices(userId: string) {
    const log = expectStatus(await this.call('GET', `/users/${userId}/key-log`), 200)
    const verified = await e2e.verifyKeyLog(userId, log.data, { pinned: this.pinned.get(userId) })
    if (verified.head) this.pinned.set(userId, verified.head)
    return verified.devices
  }

  /**
   * Uploads the room's next key version: a fresh room key wrapped for every
   * device the server says must be covered, each checked against its
   * owner's verified key log first. Returns the new version.
   */
  async rekey(roomId: string) {
    const state = expectStatus(await this.call('GET', `/chat/rooms/${roomId}/keys`), 200).data
    for (const recipient of state.recipients) {
      const devices = await this.verifiedDevices(recipient.userId)
      const logged = devices.find((device) => device.deviceId === recipient.deviceId)
      const served = await e2e.fingerprint(recipient.encryptionKey.publicKey)
      if (logged?.encryptionFingerprint !== served) throw new Error('recipient key not in its log')
    }
    const version = state.currentVersion + 1
    const roomKey = e2e.generateRoomKey()
    const upload = await e2e.buildRoomKeyUpload({
      roomId,
      version,
      roomKey,
      sender: this.device,
      recipients: state.recipients,
    })
    expectStatus(await this.call('POST', `/chat/rooms/${roomId}/keys`, upload), 201)
    this.keysOf(roomId).set(version, roomKey)
    return version
  }

  /** Fetches this device's envelopes of a room and opens each (signatures verified). */
  async loadRoomKeys(roomId: string) {
    const path = `/chat/rooms/${roomId}/keys?deviceId=${this.device.deviceId}`
    const state = expectStatus(await this.call('GET', path), 200).data
    for (const envelope of state.envelopes) {
      this.keysOf(roomId).set(envelope.version, await e2e.openEnvelope(this.device, envelope))
    }
    return state
  }

  keysOf(roomId: string) {
    if (!this.roomKeys.has(roomId)) this.roomKeys.set(roomId, new Map())
    return this.roomKeys.get(roomId)!
  }

  /** Encrypts `text` under the room's latest key this client holds. */
  async seal(roomId: string, text: string) {
    const keys = this.keysOf(roomId)
    const keyVersion = Math.max(...keys.keys())
    return e2e.encryptMessage(keys.get(keyVersion)!, { roomId, keyVersion, text })
  }

  /** Sends an encrypted message over this user's socket; resolves with the ack. */
  async send(roomId: string, text: string): Promise<any> {
    const payload = { roomId, ...(await this.seal(roomId, text)) }
    return new Promise((resolve) => this.socket!.emit('send_message', payload, resolve))
  }

  /** Decrypts a message as this client, with the key version it names. */
  decrypt(message: { roomId: string; encrypted: { keyVersion: number } & any }) {
    const key = this.keysOf(message.roomId).get(message.encrypted.keyVersion)
    if (!key) throw new Error(`no key for version ${message.encrypted.keyVersion}`)
    return e2e.decryptMessage(key, message.roomId, message.encrypted)
  }

  close() {
    this.socket?.disconnect()
  }
}
