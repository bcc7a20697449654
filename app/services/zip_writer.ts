import { once } from 'node:events'
import type { Writable } from 'node:stream'
import { crc32, createDeflateRaw } from 'node:zlib'

/** Largest value a 32-bit ZIP field holds; at or above it the ZIP64 extra field takes over. */
const MAX_32 = 0xffffffff
/** Largest entry count of the classic end record; above it the ZIP64 end record is written. */
const MAX_16 = 0xffff
/** Bit 3 (sizes and CRC follow the data) and bit 11 (names are UTF-8). */
const FLAGS = 0x0008 | 0x0800
const DEFLATE = 8
/** Version 4.5: ZIP64. */
const VERSION = 45
/** Made by Unix (high byte 3), so the external attributes carry file modes. */
const MADE_BY = (3 << 8) | VERSION
/** Regular file, rw-r--r--, in the high 16 bits of the external attributes. */
const FILE_MODE = (0o100644 << 16) >>> 0

/** What the central directory needs of each written entry. */
interface WrittenEntry {
  name: Buffer
  crc: number
  compressedSize: number
  size: number
  offset: number
  time: number
  date: number
}

/** Bytes of an entry: a Buffer/string iterable (async generators, Readable streams). */
export type EntrySource = AsyncIterable<Buffer | Uint8Array | string> | Iterable<Buffer | string>

/** DOS date and time of a moment (UTC; the format has no zone). */
function dosDateTime(moment: Date) {
  const year = Math.max(moment.getUTCFullYear(), 1980)
  return {
    time:
      (moment.getUTCHours() << 11) |
      (moment.getUTCMinutes() << 5) |
      Math.floor(moment.getUTCSeconds() / 2),
    date: ((year - 1980) << 9) | ((moment.getUTCMonth() + 1) << 5) | moment.getUTCDate(),
  }
}

/**
 * A streaming ZIP writer: entries are deflated and written to `out` as
 * their bytes arrive, with backpressure, so an archive of any size is never
 * held in memory (only one small record per entry is kept, for the central
 * directory written at the end). Each local header has the data-descriptor
 * flag (bit 3): the CRC-32 and sizes follow the data, as in every streaming
 * writer.
 *
 * ZIP64 is used where a value does not fit: an entry whose sizes or offset
 * reach 4 GiB gets the ZIP64 extra field in the central directory and an
 * 8-byte data descriptor (as Go's archive/zip writes it); more than 65,535
 * entries, or a central directory beyond 4 GiB, gets the ZIP64 end records.
 * Checked against Python's zipfile and Info-ZIP (tests/unit/zip_writer.spec.ts).
 */
export class ZipWriter {
  #out: Writable
  #offset = 0
  #entries: WrittenEntry[] = []
  #names = new Set<string>()
  #finished = false

  constructor(out: Writable) {
    this.#out = out
  }

  /** Bytes written so far. */
  get bytesWritten() {
    return this.#offset
  }

  /** Entries written so far. */
  get entryCount() {
    return this.#entries.length
  }

  /**
   * Writes one entry from `source`, deflated. Entries are written one after
   * another: await each before adding the next. A failing source fails the
   * call (the archive is then unusable: abandon it).
   */
  async addEntry(name: string, source: EntrySource, modified = new Date()) {
    if (this.#finished) throw new Error('The archive is finished')
    if (this.#names.has(name)) throw new Error(`Duplicate entry name ${name}`)
    this.#names.add(name)
    const encodedName = Buffer.from(name, 'utf8')
    const { time, date } = dosDateTime(modified)
    const offset = this.#offset
    await this.#write(localHeader(encodedName, time, date))
    const { crc, size, compressedSize } = await this.#deflate(source)
    await this.#write(dataDescriptor(crc, compressedSize, size))
    this.#entries.push({ name: encodedName, crc, compressedSize, size, offset, time, date })
  }

  /** Writes the central directory and the end records, then ends `out`. Answers the archive's size. */
  async finish() {
    if (this.#finished) throw new Error('The archive is finished')
    this.#finished = true
    const start = this.#offset
    for (const entry of this.#entries) await this.#write(centralHeader(entry))
    const size = this.#offset - start
    const count = this.#entries.length
    if (count > MAX_16 || start >= MAX_32 || size >= MAX_32) {
      const recordOffset = this.#offset
      await this.#write(zip64EndRecord(count, size, start))
      await this.#write(zip64Locator(recordOffset))
    }
    await this.#write(endRecord(count, size, start))
    this.#out.end()
    await once(this.#out, 'finish')
    return this.#offset
  }

  async #deflate(source: EntrySource) {
    const deflate = createDeflateRaw()
    let crc = 0
    let size = 0
    let compressedSize = 0
    const feeding = (async () => {
      try {
        for await (const chunk of source) {
          const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk
          if (!bytes.length) continue
          crc = crc32(bytes, crc)
          size += bytes.length
          if (!deflate.write(bytes)) await once(deflate, 'drain')
        }
        deflate.end()
      } catch (error) {
        deflate.destroy(error as Error)
      }
    })()
    for await (const compressed of deflate as AsyncIterable<Buffer>) {
      compressedSize += compressed.length
      await this.#write(compressed)
    }
    await feeding
    return { crc, size, compressedSize }
  }

  async #write(bytes: Buffer) {
    this.#offset += bytes.length
    if (!this.#out.write(bytes)) await once(this.#out, 'drain')
  }
}

function localHeader(name: Buffer, time: number, date: number) {
  const header = Buffer.alloc(30)
  header.writeUInt32LE(0x04034b50, 0)
  header.writeUInt16LE(VERSION, 4)
  header.writeUInt16LE(FLAGS, 6)
  header.writeUInt16LE(DEFLATE, 8)
  header.writeUInt16LE(time, 10)
  header.writeUInt16LE(date, 12)
  // CRC-32 and both sizes (14–25) are zero: the data descriptor carries them.
  header.writeUInt16LE(name.length, 26)
  header.writeUInt16LE(0, 28)
  return Buffer.concat([header, name])
}

function dataDescriptor(crc: number, compressedSize: number, size: number) {
  const wide = compressedSize >= MAX_32 || size >= MAX_32
  const descriptor = Buffer.alloc(wide ? 24 : 16)
  descriptor.writeUInt32LE(0x08074b50, 0)
  descriptor.writeUInt32LE(crc >>> 0, 4)
  if (wide) {
    descriptor.writeBigUInt64LE(BigInt(compressedSize), 8)
    descriptor.writeBigUInt64LE(BigInt(size), 16)
  } else {
    descriptor.writeUInt32LE(compressedSize, 8)
    descriptor.writeUInt32LE(size, 12)
  }
  return descriptor
}

function centralHeader(entry: WrittenEntry) {
  const extra: bigint[] = []
  if (entry.size >= MAX_32) extra.push(BigInt(entry.size))
  if (entry.compressedSize >= MAX_32) extra.push(BigInt(entry.compressedSize))
  if (entry.offset >= MAX_32) extra.push(BigInt(entry.offset))
  const extraField = Buffer.alloc(extra.length ? 4 + 8 * extra.length : 0)
  if (extra.length) {
    extraField.writeUInt16LE(0x0001, 0)
    extraField.writeUInt16LE(8 * extra.length, 2)
    extra.forEach((value, index) => extraField.writeBigUInt64LE(value, 4 + 8 * index))
  }
  const header = Buffer.alloc(46)
  header.writeUInt32LE(0x02014b50, 0)
  header.writeUInt16LE(MADE_BY, 4)
  header.writeUInt16LE(VERSION, 6)
  header.writeUInt16LE(FLAGS, 8)
  header.writeUInt16LE(DEFLATE, 10)
  header.writeUInt16LE(entry.time, 12)
  header.writeUInt16LE(entry.date, 14)
  header.writeUInt32LE(entry.crc >>> 0, 16)
  header.writeUInt32LE(Math.min(entry.compressedSize, MAX_32), 20)
  header.writeUInt32LE(Math.min(entry.size, MAX_32), 24)
  header.writeUInt16LE(entry.name.length, 28)
  header.writeUInt16LE(extraField.length, 30)
  // Comment length, disk number and internal attributes (32–37) are zero.
  header.writeUInt32LE(FILE_MODE, 38)
  header.writeUInt32LE(Math.min(entry.offset, MAX_32), 42)
  return Buffer.concat([header, entry.name, extraField])
}

function zip64EndRecord(count: number, size: number, offset: number) {
  const record = Buffer.alloc(56)
  record.writeUInt32LE(0x06064b50, 0)
  record.writeBigUInt64LE(44n, 4)
  record.writeUInt16LE(MADE_BY, 12)
  record.writeUInt16LE(VERSION, 14)
  // This disk and the central directory's disk (16–23) are 0.
  record.writeBigUInt64LE(BigInt(count), 24)
  record.writeBigUInt64LE(BigInt(count), 32)
  record.writeBigUInt64LE(BigInt(size), 40)
  record.writeBigUInt64LE(BigInt(offset), 48)
  return record
}

function zip64Locator(recordOffset: number) {
  const locator = Buffer.alloc(20)
  locator.writeUInt32LE(0x07064b50, 0)
  locator.writeUInt32LE(0, 4)
  locator.writeBigUInt64LE(BigInt(recordOffset), 8)
  locator.writeUInt32LE(1, 16)
  return locator
}

function endRecord(count: number, size: number, offset: number) {
  const record = Buffer.alloc(22)
  record.writeUInt32LE(0x06054b50, 0)
  // Disk numbers (4–7) are 0.
  record.writeUInt16LE(Math.min(count, MAX_16), 8)
  record.writeUInt16LE(Math.min(count, MAX_16), 10)
  record.writeUInt32LE(Math.min(size, MAX_32), 12)
  record.writeUInt32LE(Math.min(offset, MAX_32), 16)
  // Comment length (20–21) is 0.
  return record
}
