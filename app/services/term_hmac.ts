import { createHash } from 'node:crypto'

/*
 * HMAC-SHA256 (RFC 2104 over FIPS 180-4 SHA-256) for the blind index's
 * many short terms (app/services/blind_index.ts), bit for bit what
 * `createHmac('sha256', key)` answers. A send hashes ~30 terms of a few
 * bytes each; through node:crypto every term pays two native hash objects
 * (or calls) and their buffers, ~3 µs, against ~1 µs for the two SHA-256
 * blocks themselves here. The key's two padded blocks are hashed once per
 * key (`TermHmac`), so a term costs exactly two compressions when it fits
 * one block (up to 55 bytes), as every term of up to 13 four-byte
 * characters does. tests/unit/crypto/term_hmac.spec.ts compares it with
 * node:crypto on every message length across block boundaries.
 */

const K = new Int32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
])

const INITIAL = new Int32Array([
  0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
])

const BLOCK = 64

/** Scratch of the one thread: the message schedule, a state, padded blocks, the output. */
const schedule = new Int32Array(64)
const state = new Int32Array(8)
const outerBlock = new Uint8Array(BLOCK)
const output = Buffer.alloc(32)
let innerBlocks = new Uint8Array(4 * BLOCK)

/** SHA-256's message schedule of the 64-byte block at `offset` of `bytes`. */
function expand(bytes: Uint8Array, offset: number) {
  const w = schedule
  for (let i = 0; i < 16; i++) {
    const j = offset + i * 4
    w[i] = (bytes[j] << 24) | (bytes[j + 1] << 16) | (bytes[j + 2] << 8) | bytes[j + 3]
  }
  for (let i = 16; i < 64; i++) {
    const a = w[i - 15]
    const b = w[i - 2]
    const s0 = ((a >>> 7) | (a << 25)) ^ ((a >>> 18) | (a << 14)) ^ (a >>> 3)
    const s1 = ((b >>> 17) | (b << 15)) ^ ((b >>> 19) | (b << 13)) ^ (b >>> 10)
    w[i] = (w[i - 16] + s0 + w[i - 7] + s1) | 0
  }
  return w
}

/** SHA-256's compression of the 64-byte block at `offset` of `bytes` into `h`. */
function compress(h: Int32Array, bytes: Uint8Array, offset: number) {
  const w = expand(bytes, offset)
  let a = h[0]
  let b = h[1]
  let c = h[2]
  let d = h[3]
  let e = h[4]
  let f = h[5]
  let g = h[6]
  let k = h[7]
  for (let i = 0; i < 64; i++) {
    const s1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7))
    const t1 = (k + s1 + ((e & f) ^ (~e & g)) + K[i] + w[i]) | 0
    const s0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10))
    const t2 = (s0 + ((a & b) ^ (a & c) ^ (b & c))) | 0
    k = g
    g = f
    f = e
    e = (d + t1) | 0
    d = c
    c = b
    b = a
    a = (t1 + t2) | 0
  }
  h[0] = (h[0] + a) | 0
  h[1] = (h[1] + b) | 0
  h[2] = (h[2] + c) | 0
  h[3] = (h[3] + d) | 0
  h[4] = (h[4] + e) | 0
  h[5] = (h[5] + f) | 0
  h[6] = (h[6] + g) | 0
  h[7] = (h[7] + k) | 0
}

/** The big-endian bytes of `h` into `into` at `offset`. */
function store(h: Int32Array, into: Uint8Array, offset: number) {
  for (let i = 0; i < 8; i++) {
    const v = h[i]
    into[offset + i * 4] = v >>> 24
    into[offset + i * 4 + 1] = (v >>> 16) & 255
    into[offset + i * 4 + 2] = (v >>> 8) & 255
    into[offset + i * 4 + 3] = v & 255
  }
}

/** The state after one block: the key XORed with `pad`, zero-filled to 64 bytes. */
function paddedKeyState(key: Buffer, pad: number) {
  const block = new Uint8Array(BLOCK).fill(pad)
  for (let i = 0; i < key.length; i++) block[i] ^= key[i]
  const h = INITIAL.slice()
  compress(h, block, 0)
  return h
}

/**
 * One HMAC-SHA256 key, its inner and outer padded blocks already hashed:
 * each message then costs its own blocks and one outer block.
 */
export class TermHmac {
  readonly #inner: Int32Array
  readonly #outer: Int32Array

  constructor(key: Buffer) {
    const bytes = key.length > BLOCK ? createHash('sha256').update(key).digest() : key
    this.#inner = paddedKeyState(bytes, 0x36)
    this.#outer = paddedKeyState(bytes, 0x5c)
  }

  /**
   * The first `size` bytes (at most 32) of HMAC-SHA256 over the first
   * `length` bytes of `message`, in base64.
   */
  digest(message: Uint8Array, length: number, size: number) {
    const padded = (Math.floor((length + 8) / BLOCK) + 1) * BLOCK
    if (innerBlocks.length < padded) innerBlocks = new Uint8Array(padded * 2)
    const blocks = innerBlocks
    blocks.set(message.subarray(0, length))
    blocks[length] = 0x80
    blocks.fill(0, length + 1, padded - 4)
    // The inner hash covers the key block too; lengths here stay far below 2^29 bytes.
    const bits = (BLOCK + length) * 8
    blocks[padded - 4] = bits >>> 24
    blocks[padded - 3] = (bits >>> 16) & 255
    blocks[padded - 2] = (bits >>> 8) & 255
    blocks[padded - 1] = bits & 255
    state.set(this.#inner)
    for (let offset = 0; offset < padded; offset += BLOCK) compress(state, blocks, offset)
    store(state, outerBlock, 0)
    outerBlock[32] = 0x80
    outerBlock.fill(0, 33, 62)
    outerBlock[62] = ((BLOCK + 32) * 8) >>> 8
    outerBlock[63] = ((BLOCK + 32) * 8) & 255
    state.set(this.#outer)
    compress(state, outerBlock, 0)
    store(state, output, 0)
    return output.toString('base64', 0, size)
  }
}
