import { execFile } from 'node:child_process'
import { createWriteStream } from 'node:fs'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomBytes, createHash } from 'node:crypto'
import { promisify } from 'node:util'
import { test } from '@japa/runner'
import { ZipWriter } from '#services/zip_writer'
import { filePath } from '#domain/exports/archive_build'

const run = promisify(execFile)

/** Reads an archive with Python's zipfile: every entry's name, size and sha256. */
const PYTHON_LIST = `
import hashlib, json, sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as z:
    bad = z.testzip()
    print(json.dumps({"bad": bad, "entries": [
        [i.filename, i.file_size, hashlib.sha256(z.read(i)).hexdigest()] for i in z.infolist()]}))
`

async function python(file: string) {
  const { stdout } = await run('python3', ['-c', PYTHON_LIST, file], { maxBuffer: 64 << 20 })
  return JSON.parse(stdout) as { bad: string | null; entries: [string, number, string][] }
}

const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex')

test.group('ZipWriter', (group) => {
  let dir = ''
  group.each.setup(async () => {
    dir = await mkdtemp(join(tmpdir(), 'parley-zip-'))
    return () => rm(dir, { recursive: true, force: true })
  })

  test('writes an archive that Python and unzip read back byte for byte', async ({ assert }) => {
    const file = join(dir, 'a.zip')
    const zip = new ZipWriter(createWriteStream(file))
    const random = randomBytes(300_000)
    async function* lines() {
      for (let i = 0; i < 20_000; i++) yield `${JSON.stringify({ i, text: 'héllo ✓' })}\n`
    }
    let text = ''
    for (let i = 0; i < 20_000; i++) text += `${JSON.stringify({ i, text: 'héllo ✓' })}\n`
    await zip.addEntry('messages.jsonl', lines())
    await zip.addEntry('files/x/random.bin', [
      random.subarray(0, 100_000),
      random.subarray(100_000),
    ])
    await zip.addEntry('empty.txt', [])
    await zip.addEntry('名前.json', ['{}'])
    const size = await zip.finish()

    const bytes = await readFile(file)
    assert.equal(size, bytes.length)
    const read = await python(file)
    assert.isNull(read.bad)
    assert.deepEqual(read.entries, [
      ['messages.jsonl', Buffer.byteLength(text), sha(Buffer.from(text))],
      ['files/x/random.bin', random.length, sha(random)],
      ['empty.txt', 0, sha(Buffer.alloc(0))],
      ['名前.json', 2, sha(Buffer.from('{}'))],
    ])
    const unzip = await run('unzip', ['-t', file])
    assert.include(unzip.stdout, 'No errors detected')
  })

  test('more than 65,535 entries get the ZIP64 end records', async ({ assert }) => {
    const file = join(dir, 'many.zip')
    const zip = new ZipWriter(createWriteStream(file))
    for (let i = 0; i < 70_000; i++) await zip.addEntry(`f/${i}`, [String(i)])
    await zip.finish()
    const bytes = await readFile(file)
    assert.isAbove(bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x06, 0x06])), 0, 'ZIP64 end record')
    const read = await python(file)
    assert.isNull(read.bad)
    assert.lengthOf(read.entries, 70_000)
    assert.deepEqual(read.entries[69_999], ['f/69999', 5, sha(Buffer.from('69999'))])
    const unzip = await run('unzip', ['-tq', file])
    assert.include(unzip.stdout, 'No errors detected')
  }).timeout(120_000)

  test('a failing source fails the entry; names cannot repeat', async ({ assert }) => {
    const zip = new ZipWriter(createWriteStream(join(dir, 'broken.zip')))
    async function* failing() {
      yield 'some bytes'
      throw new Error('source broke')
    }
    await assert.rejects(() => zip.addEntry('a', failing()), 'source broke')
    const fresh = new ZipWriter(createWriteStream(join(dir, 'twice.zip')))
    await fresh.addEntry('a', ['x'])
    await assert.rejects(() => fresh.addEntry('a', ['y']), 'Duplicate entry name a')
  })

  test('stored file names cannot leave their folder', ({ assert }) => {
    const id = '8b1e4c2d-7f3a-4e5b-9c6d-0a1b2c3d4e5f'
    assert.equal(filePath(id, '../../etc/passwd'), `files/${id}/__.._etc_passwd`)
    assert.equal(filePath(id, 'a\u0000b\\c:d.png'), `files/${id}/a_b_c_d.png`)
    assert.equal(filePath(id, '..'), `files/${id}/_`)
    assert.equal(filePath(id, ''), `files/${id}/file`)
  })
})
