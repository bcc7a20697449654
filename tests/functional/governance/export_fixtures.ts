import { execFile } from 'node:child_process'
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { promisify } from 'node:util'
import type { ApiClient } from '@japa/api-client'
import app from '@adonisjs/core/services/app'
import jobs from '#services/jobs'
import { jobsConnection } from '#providers/jobs_provider'
import { serverUrl } from '#tests/helpers/sockets'

const run = promisify(execFile)

/*
 * Export fixtures: the job workers (started in the test process, as the web
 * server starts them), polling an export until it settles, and reading an
 * archive with independent readers (Python's zipfile and Info-ZIP's unzip).
 */

/**
 * Starts the job workers; answers the group's teardown, which stops them
 * and deletes the archives the group's exports left on the media disk.
 */
export async function startWorkers() {
  await jobs.start(await jobsConnection(app))
  return async () => {
    await jobs.stop()
    await rm(app.makePath('storage/media/exports'), { recursive: true, force: true })
  }
}

/** Polls an export's status URL until it is no longer queued or running. */
export async function settled(client: ApiClient, url: string, token: string) {
  const until = Date.now() + 60_000
  for (;;) {
    const response = await client.get(url).bearerToken(token)
    const view = response.body().data
    if (view && view.status !== 'queued' && view.status !== 'running') return view
    if (Date.now() > until) throw new Error(`export still ${view?.status} after 60 s`)
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
}

/** What an archive holds, read back by Python's zipfile after `-t` and `unzip -t` passed. */
export interface Archive {
  names: string[]
  text(name: string): string
  bytes(name: string): Buffer
  lines(name: string): any[]
}

/** Checks a zip with two independent readers, extracts it and answers its entries. */
export async function readArchive(bytes: Buffer): Promise<Archive> {
  const dir = await mkdtemp(join(tmpdir(), 'parley-export-'))
  try {
    const file = join(dir, 'archive.zip')
    await writeFile(file, bytes)
    const tested = await run('python3', ['-m', 'zipfile', '-t', file])
    if (!tested.stdout.includes('Done testing')) throw new Error(`zipfile -t: ${tested.stdout}`)
    await run('unzip', ['-tq', file])
    await run('python3', ['-m', 'zipfile', '-e', file, join(dir, 'out')])
    const entries = new Map<string, Buffer>()
    const walk = async (folder: string) => {
      for (const entry of await readdir(folder, { withFileTypes: true })) {
        const path = join(folder, entry.name)
        if (entry.isDirectory()) await walk(path)
        else entries.set(relative(join(dir, 'out'), path), await readFile(path))
      }
    }
    await walk(join(dir, 'out'))
    const bytesOf = (name: string) => {
      const found = entries.get(name)
      if (!found) throw new Error(`no entry ${name}`)
      return found
    }
    return {
      names: [...entries.keys()].sort(),
      bytes: bytesOf,
      text: (name) => bytesOf(name).toString('utf8'),
      lines: (name) =>
        bytesOf(name)
          .toString('utf8')
          .split('\n')
          .filter(Boolean)
          .map((line) => JSON.parse(line)),
    }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

/** Fetches a signed link (no token: the link is the credential); answers status, type and bytes. */
export async function download(url: string) {
  const response = await fetch(serverUrl() + url)
  return {
    status: response.status,
    type: response.headers.get('content-type'),
    bytes: Buffer.from(await response.arrayBuffer()),
  }
}

/** The HTTP status of a download link. */
export async function statusOf(url: string) {
  const { status } = await download(url)
  return status
}

/** Downloads a ready export's link and reads its archive. */
export async function archiveOf(url: string) {
  const { bytes } = await download(url)
  return readArchive(bytes)
}
