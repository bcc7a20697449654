/*
 * @parley/client: a TypeScript SDK for Parley. See README.md.
 */
export { ParleyClient } from './client.js'
export type {
  ParleyClientOptions,
  Transport,
  ConnectionStatus,
  MessageSource,
  RoomListChanges,
} from './client.js'
export { ParleyError, isParleyError, errorFromResponse } from './errors.js'
export type { ParleyErrorCode, ErrorEntry } from './errors.js'
export { CursorStore, memoryStorage } from './storage.js'
export type { KeyValueStorage } from './storage.js'
export { SERVER_EVENT_NAMES } from './events.js'
export type * from './events.js'
export type * from './schemas.js'
