/*
 * Byte helpers of the e2e-keys client: base64, PEM and UTF-8, on the Web
 * platform APIs only (btoa/atob, TextEncoder), so the client runs unchanged
 * in browsers, React Native with a WebCrypto polyfill, and Node.js.
 */

import type { webcrypto } from 'node:crypto'

/** WebCrypto types (named as in lib.dom; type-only, nothing of Node is loaded). */
export type CryptoKey = webcrypto.CryptoKey
export type CryptoKeyPair = webcrypto.CryptoKeyPair
export type KeyUsage = webcrypto.KeyUsage

/** The WebCrypto subtle API of the running platform. */
export const subtle = globalThis.crypto.subtle

/** Bytes → standard base64. */
export function toBase64(bytes: Uint8Array | ArrayBuffer): string {
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes)
  let binary = ''
  for (const byte of view) binary += String.fromCharCode(byte)
  return btoa(binary)
}

/** Standard base64 → bytes. */
export function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text)
  const bytes = new Uint8Array(binary.length)
  for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index)
  return bytes
}

/** UTF-8 bytes of a string. */
export function utf8(text: string): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(text) as Uint8Array<ArrayBuffer>
}

/** Lower-case hex of bytes. */
export function toHex(bytes: ArrayBuffer | Uint8Array): string {
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes)
  return [...view].map((byte) => byte.toString(16).padStart(2, '0')).join('')
}

/** SPKI DER → a `PUBLIC KEY` PEM block (64-character lines). */
export function spkiToPem(der: ArrayBuffer | Uint8Array): string {
  const lines = toBase64(der).match(/.{1,64}/g) ?? []
  return `-----BEGIN PUBLIC KEY-----\n${lines.join('\n')}\n-----END PUBLIC KEY-----\n`
}

/** A `PUBLIC KEY` PEM block → SPKI DER bytes. */
export function pemToSpki(pem: string): Uint8Array<ArrayBuffer> {
  const body = pem
    .replace(/-----BEGIN PUBLIC KEY-----/, '')
    .replace(/-----END PUBLIC KEY-----/, '')
    .replace(/\s+/g, '')
  return fromBase64(body)
}

/** sha256 of bytes, as lower-case hex. */
export async function sha256Hex(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  return toHex(await subtle.digest('SHA-256', bytes))
}

/**
 * A key's fingerprint: sha256 of its SPKI DER bytes, as the server computes
 * it (DESIGN.md §5). Users compare these out of band to detect a swapped key.
 */
export function fingerprint(pem: string): Promise<string> {
  return sha256Hex(pemToSpki(pem))
}

/** An error of verification on the client side, with a stable code. */
export class E2eVerificationError extends Error {
  constructor(
    readonly code:
      | 'E_ENVELOPE_SIGNATURE'
      | 'E_ENVELOPE_SENDER'
      | 'E_KEY_LOG_BROKEN'
      | 'E_KEY_LOG_FORKED'
      | 'E_KEY_MISMATCH',
    message: string
  ) {
    super(message)
    this.name = 'E2eVerificationError'
  }
}
