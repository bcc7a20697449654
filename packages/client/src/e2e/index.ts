/*
 * The e2e-keys client: what a TypeScript app (and Parley's tests) needs to
 * take part in end-to-end encrypted rooms. WebCrypto only, no server code:
 * private keys and room keys never leave the client.
 */
export * from './encoding.js'
export * from './device_keys.js'
export * from './room_keys.js'
export * from './key_log.js'
