import fc from 'fast-check'
import type { ClientToServerEvents } from '#realtime/socket_events'
import { hostileString, hostileValue } from './hostile_values.js'
import type { Scene } from './fuzz_scene.js'

/*
 * Payloads for every client→server Socket.IO event (app/realtime/socket_events.ts,
 * DESIGN.md §6): a valid payload with the scene's ids, then one field made
 * hostile, a field dropped, or the whole payload replaced by something that
 * is not an object at all.
 */

type Json = Record<string, unknown>
type EventName = keyof ClientToServerEvents

/** A valid payload per event, built from the scene (each key of the contract is listed). */
export function validPayloads(scene: Scene): Record<EventName, Json[]> {
  const roomRef = [
    { roomId: scene.sharedRoomId },
    { roomId: scene.privateRoomId },
    { roomId: scene.roomBId },
  ]
  return {
    join_room: roomRef,
    leave_room: roomRef,
    typing_start: roomRef,
    typing_stop: roomRef,
    send_message: [
      { roomId: scene.sharedRoomId, content: 'fuzz over socket' },
      {
        roomId: scene.sharedRoomId,
        content: 'fuzz reply',
        replyToId: scene.ownerMessageIds[0],
        clientMessageId: crypto.randomUUID(),
        mentions: [scene.owner.user.id],
      },
      {
        roomId: scene.sharedRoomId,
        ciphertext: 'AAAA',
        iv: 'AAAAAAAAAAAAAAAA',
        keyVersion: 1,
        algorithm: 'aes-256-gcm',
      },
    ],
    edit_message: [
      { messageId: scene.memberMessageId, content: 'fuzz edit' },
      { messageId: scene.ownerMessageIds[0], content: 'not mine' },
    ],
    delete_message: [
      { messageId: scene.ownerMessageIds[0] },
      { messageId: scene.outsiderMessageId },
    ],
    run_command: [
      { roomId: scene.sharedRoomId, command: 'nothing', args: 'fuzz' },
      { roomId: scene.roomBId, command: '/deploy' },
    ],
    add_reaction: [
      { messageId: scene.ownerMessageIds[0], emoji: '👍' },
      { messageId: scene.outsiderMessageId, emoji: '🎉' },
    ],
    remove_reaction: [
      { messageId: scene.ownerMessageIds[0], emoji: '👍' },
      { messageId: scene.outsiderMessageId, emoji: '🎉' },
    ],
    pin_message: [{ messageId: scene.ownerMessageIds[0] }, { messageId: scene.outsiderMessageId }],
    unpin_message: [
      { messageId: scene.ownerMessageIds[0] },
      { messageId: scene.outsiderMessageId },
    ],
    mark_as_read: [
      { roomId: scene.sharedRoomId, seq: 1 },
      { roomId: scene.sharedRoomId, messageId: scene.ownerMessageIds[1] },
    ],
    switch_organization: [{ organizationId: scene.orgA.id }, { organizationId: scene.orgB.id }],
    sync: [
      { rooms: { [scene.sharedRoomId]: 0 }, roomsAfter: 0 },
      { rooms: { [scene.sharedRoomId]: 1, [scene.privateRoomId]: 0 } },
    ],
  }
}

/** One fuzzed emission: the event, its arguments, and whether an ack is passed. */
export interface Emission {
  event: EventName
  args: unknown[]
  withAck: boolean
}

/** Emissions of one event with hostile payloads. */
export function emissionArb(event: EventName, valid: Json[]): fc.Arbitrary<Emission> {
  const base = fc.constantFrom(...valid).map((payload) => structuredClone(payload))
  const payload = fc.oneof(
    { arbitrary: base, weight: 1 },
    {
      arbitrary: fc.tuple(base, fc.nat(), hostileValue).map(([value, pick, hostile]) => {
        const keys = [...Object.keys(value), 'extra', '__proto__']
        return { ...value, [keys[pick % keys.length]]: hostile }
      }),
      weight: 6,
    },
    {
      arbitrary: fc.tuple(base, fc.nat()).map(([value, pick]) => {
        const keys = Object.keys(value)
        const rest = { ...value }
        delete rest[keys[pick % keys.length]]
        return rest
      }),
      weight: 1,
    },
    {
      // sync's cursors are a map: hostile room ids and hostile cursors
      arbitrary: fc.tuple(hostileString, hostileValue).map(([key, cursor]) => ({
        rooms: { [key.slice(0, 200)]: cursor, [valid[0].roomId as string]: cursor },
        roomsAfter: cursor,
      })),
      weight: event === 'sync' ? 3 : 0,
    },
    { arbitrary: hostileValue, weight: 3 }
  )
  return fc.record({
    event: fc.constant(event),
    args: fc.oneof(
      { arbitrary: payload.map((value) => [value]), weight: 8 },
      { arbitrary: fc.constant<unknown[]>([]), weight: 1 },
      { arbitrary: fc.tuple(payload, hostileValue).map((pair) => [...pair]), weight: 1 }
    ),
    withAck: fc.oneof(
      { arbitrary: fc.constant(true), weight: 9 },
      { arbitrary: fc.constant(false), weight: 1 }
    ),
  })
}

/** Handshake `auth` objects a client could send: no token, hostile tokens, hostile org ids. */
export function handshakeArb(scene: Scene, validToken: string): fc.Arbitrary<unknown> {
  return fc.oneof(
    fc.constant({}),
    hostileValue.map((token) => ({ token })),
    hostileValue.map((organizationId) => ({ token: validToken, organizationId })),
    fc.constantFrom(
      { token: `${validToken}x` },
      { token: validToken.split('.')[0] },
      { token: validToken, organizationId: scene.orgB.id }
    )
  )
}
