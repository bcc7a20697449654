import http from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createHash, randomBytes, randomFillSync } from 'node:crypto'
import { createReadStream, createWriteStream } from 'node:fs'
import { readdir, rm, stat } from 'node:fs/promises'
import sharp from 'sharp'
import app from '@adonisjs/core/services/app'
import { actorFor } from '#services/org_context'
import CreateGroupRoom from '#actions/rooms/create_group_room'
import SendMessage from '#actions/messages/send_message'
import { createMemberWithToken, createOrgWith, createUserWithToken } from '#tests/helpers/users'

/*
 * Media fixtures: an organization with a room, its author and members, a
 * message to attach files to; real file bytes (PNG, ELF); big files written
 * on the fly into the OS temp dir; and a raw streaming uploader for them.
 */

const createdDirs = new Set<string>()

/**
 * Deletes the media directories of the organizations and users the
 * fixtures created (the database is truncated, the disk is not).
 */
export async function removeFixtureFiles() {
  for (const dir of createdDirs) await rm(dir, { recursive: true, force: true })
  createdDirs.clear()
}

/** Marks an organization's or user's media directory for removeFixtureFiles. */
export function trackFiles(...parts: string[]) {
  createdDirs.add(join(mediaRoot(), ...parts))
}

/** An author with a message in a room, a room member, and an org member outside the room. */
export async function mediaScene() {
  const author = await createUserWithToken()
  const org = await createOrgWith(author.user)
  trackFiles(org.id)
  const roomMate = await createMemberWithToken(org, 'member')
  const outsider = await createMemberWithToken(org, 'member')
  const moderator = await createMemberWithToken(org, 'moderator')
  const actor = await actorFor(author.user, org.id)
  const { room } = await CreateGroupRoom.handle(actor, {
    name: 'files',
    memberIds: [roomMate.user.id, moderator.user.id],
  })
  const { message } = await SendMessage.handle(actor, { roomId: room.id, content: 'attached' })
  return { org, author, roomMate, outsider, moderator, room, message }
}

/** Another organization's owner, for the cross-tenant 404s. */
export async function stranger() {
  const user = await createUserWithToken()
  const org = await createOrgWith(user.user)
  return { ...user, org }
}

export { as } from '#tests/helpers/requests'

/** A real PNG of the given size. */
export function pngBytes(width = 64, height = 48) {
  return sharp({ create: { width, height, channels: 3, background: '#3366cc' } })
    .png()
    .toBuffer()
}

/** The first bytes of a 64-bit Linux executable (ELF magic, then header fields and zeros). */
export function elfBytes() {
  const header = Buffer.alloc(8192)
  Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00]).copy(header)
  header.writeUInt16LE(2, 16)
  header.writeUInt16LE(0x3e, 18)
  return header
}

/** sha256 of bytes, hex. */
export function sha256(bytes: Buffer) {
  return createHash('sha256').update(bytes).digest('hex')
}

/** Root of the local media disk. */
export function mediaRoot() {
  return app.makePath('storage/media')
}

/** Every file (not directory) under a directory, recursively; none when it is absent. */
export async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true }).catch(() => [])
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
}

/** sha256 of a file on disk, streamed. */
export async function sha256OfFile(path: string) {
  const hash = createHash('sha256')
  for await (const chunk of createReadStream(path)) hash.update(chunk)
  return hash.digest('hex')
}

/**
 * Writes `size` bytes of random printable text (hex digits) into the OS
 * temp dir, 1 MB at a time, and returns its path and sha256. Text, because it is an
 * allowed type that random bytes would not be.
 */
export async function bigTextFile(size: number) {
  const path = join(tmpdir(), `parley-media-${randomBytes(6).toString('hex')}.txt`)
  const hash = createHash('sha256')
  const out = createWriteStream(path)
  const alphabet = Buffer.from('0123456789abcdef')
  let left = size
  while (left > 0) {
    const chunk = randomFillSync(Buffer.allocUnsafe(Math.min(left, 1024 * 1024)))
    for (let i = 0; i < chunk.length; i++) chunk[i] = alphabet[chunk[i] & 15]
    hash.update(chunk)
    left -= chunk.length
    if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()))
  }
  await new Promise<void>((resolve, reject) =>
    out.end((error?: Error) => (error ? reject(error) : resolve()))
  )
  const { size: written } = await stat(path)
  return {
    path,
    sha256: hash.digest('hex'),
    size: written,
    remove: () => rm(path, { force: true }),
  }
}

/**
 * POSTs a file as multipart/form-data with node:http, streaming it from disk
 * (the API client would build the body in memory). Resolves with the status
 * and parsed JSON body.
 */
export function streamUpload(options: {
  url: string
  token: string
  orgId: string
  filePath: string
  filename: string
  contentType?: string
}): Promise<{ status: number; body: any }> {
  const boundary = `----parley${randomBytes(8).toString('hex')}`
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${options.filename}"\r\n` +
      `Content-Type: ${options.contentType ?? 'application/octet-stream'}\r\n\r\n`
  )
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`)
  const address = `http://${process.env.HOST}:${process.env.PORT}${options.url}`
  return new Promise((resolve, reject) => {
    const request = http.request(address, {
      method: 'POST',
      headers: {
        'authorization': `Bearer ${options.token}`,
        'x-organization-id': options.orgId,
        'content-type': `multipart/form-data; boundary=${boundary}`,
      },
    })
    request.on('error', reject)
    request.on('response', async (response) => {
      let text = ''
      for await (const chunk of response) text += chunk
      resolve({ status: response.statusCode!, body: text ? JSON.parse(text) : null })
    })
    request.write(head)
    const file = createReadStream(options.filePath)
    file.pipe(request, { end: false })
    file.on('end', () => request.end(tail))
    file.on('error', reject)
  })
}
