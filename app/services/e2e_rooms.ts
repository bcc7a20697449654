import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type Room from '#models/room'

/**
 * What an end-to-end encrypted message carries (DESIGN.md §5). The server
 * stores it as given and never reads it: `ciphertext` and `iv` are opaque
 * base64, `keyVersion` names the room key version it was sealed under.
 */
export interface EncryptedPayload {
  ciphertext: string
  iv: string
  keyVersion: number
  algorithm: string
}

/** A membership change of an encrypted room, as its writing transaction sees it. */
export interface MembershipChange {
  addedUserIds: string[]
  removedUserIds: string[]
}

/**
 * The key directory behind encrypted rooms, provided by a plugin (e2e-keys).
 * Both hooks run inside core's writing transaction with the room row locked,
 * so a send and a membership change of the same room are serialized: a
 * member removed before a send always makes that send see a stale key.
 */
export interface E2eRoomsProvider {
  readonly id: string
  /** Refuses a payload no client could open (unknown algorithm, wrong IV or tag length): 422. */
  assertPayload(payload: EncryptedPayload): void
  /** Refuses a send (e.g. 409 E_ROOM_KEY_STALE) by throwing; runs before the insert. */
  assertSendable(
    trx: TransactionClientContract,
    room: Room,
    payload: EncryptedPayload
  ): Promise<void>
  /** Records that the room's members changed (the current key version becomes stale). */
  membershipChanged(
    trx: TransactionClientContract,
    room: Room,
    change: MembershipChange
  ): Promise<void>
}

/**
 * Core's end-to-end encryption extension point (DESIGN.md §2, §8). Core
 * never imports the plugin: it asks this registry whether encrypted rooms
 * are available and forwards sends and membership changes of encrypted
 * rooms to whichever provider registered. With none, encrypted rooms are
 * refused (E_E2E_DISABLED) instead of being created without a key directory.
 */
export class E2eRooms {
  #provider?: E2eRoomsProvider

  /** Installs the provider (a plugin's boot); a second one replaces the first. */
  register(provider: E2eRoomsProvider) {
    this.#provider = provider
  }

  /** Removes the provider (a plugin's shutdown). */
  unregister(id: string) {
    if (this.#provider?.id === id) this.#provider = undefined
  }

  /** Whether encrypted rooms can be created and written. */
  get active() {
    return Boolean(this.#provider)
  }

  /** The provider, or undefined when no key directory is enabled. */
  get provider() {
    return this.#provider
  }

  /** Forwards a membership change of an encrypted room, inside its transaction. */
  async membershipChanged(trx: TransactionClientContract, room: Room, change: MembershipChange) {
    if (!room.encrypted || !this.#provider) return
    await this.#provider.membershipChanged(trx, room, change)
  }
}

/** The process's encrypted-rooms registry. */
const e2eRooms = new E2eRooms()
export default e2eRooms
