import { test } from '@japa/runner'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import db from '@adonisjs/lucid/services/db'
import { resetDatabase } from '#tests/helpers/database'
import { chatOrg, groupRoom, send, as } from '#tests/functional/chat/chat_fixtures'
import { isPublicAddress, PreviewFetchError, safeFetch } from '../safe_fetch.js'
import { firstUrl } from '../open_graph.js'
import { previewMessage } from '../previews.js'

/*
 * link-previews: the fetch is tried against a local site on 127.0.0.1 with
 * the explicit test-only allowance for that address, and every refusal is
 * shown without it: loopback by literal and by name, private, link-local
 * (cloud metadata), IPv6 and IPv4-mapped addresses, redirects into them,
 * non-HTML answers; the size and time caps hold; no cookie or token leaves.
 */

const PAGE = `<!doctype html><html><head>
  <title>Fallback title</title>
  <meta property="og:title" content="Parley &amp; friends">
  <meta property="og:description" content="A   chat server">
  <meta property="og:image" content="/cover.png">
  <meta property="og:site_name" content="Parley">
</head><body>${'x'.repeat(10)}</body></html>`

interface Site {
  url: string
  seen: http.IncomingHttpHeaders[]
  close: () => Promise<void>
}

/** A local site: `/` an Open Graph page, `/json`, `/big`, `/slow`, `/to?url=` redirects. */
async function localSite(): Promise<Site> {
  const seen: http.IncomingHttpHeaders[] = []
  const server = http.createServer((req, res) => {
    seen.push(req.headers)
    const url = new URL(req.url ?? '/', 'http://local')
    if (url.pathname === '/json') {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"og":"no"}')
    } else if (url.pathname === '/big') {
      res.writeHead(200, { 'content-type': 'text/html' })
      res.end(`<title>big</title>${'y'.repeat(3 * 1024 * 1024)}`)
    } else if (url.pathname === '/slow') {
      res.writeHead(200, { 'content-type': 'text/html' })
      res.write('<title>slow')
    } else if (url.pathname === '/loop') {
      res.writeHead(302, { location: '/loop' }).end()
    } else if (url.pathname === '/to') {
      res.writeHead(302, { location: url.searchParams.get('url')! }).end()
    } else {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'set-cookie': 'a=b' })
      res.end(PAGE)
    }
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

const LOOPBACK_ONLY = (address: string) => address === '127.0.0.1'
const base = { maxBytes: 64 * 1024, timeoutMs: 2000, maxRedirects: 3 }
const allowed = { ...base, allowAddress: LOOPBACK_ONLY }

test.group('link-previews: the safe fetch', (group) => {
  let site: Site
  group.each.setup(async () => {
    site = await localSite()
    return () => site.close()
  })

  test('reads a local page with the test-only allowance, sending no cookie or token', async ({
    assert,
  }) => {
    const page = await safeFetch(`${site.url}/`, allowed)
    assert.include(page.html, 'og:title')
    const headers = site.seen[0]
    assert.notProperty(headers, 'cookie')
    assert.notProperty(headers, 'authorization')
    assert.equal(headers.accept, 'text/html')
  })

  test('refuses loopback, private, link-local, metadata and reserved addresses', async ({
    assert,
  }) => {
    const port = new URL(site.url).port
    const refused = [
      `${site.url}/`,
      `http://localhost:${port}/`,
      'http://10.1.2.3/',
      'http://172.16.0.1/',
      'http://192.168.1.1/',
      'http://169.254.169.254/latest/meta-data/',
      'http://100.100.100.200/',
      'http://0.0.0.0/',
      `http://[::1]:${port}/`,
      `http://[::ffff:127.0.0.1]:${port}/`,
      'http://[fd00:ec2::254]/',
      'http://[fe80::1]/',
      'file:///etc/passwd',
      'ftp://example.com/',
      `http://user:secret@127.0.0.1:${port}/`,
    ]
    for (const url of refused) {
      const error = await safeFetch(url, base).then(
        () => null,
        (failure: unknown) => failure
      )
      assert.instanceOf(error, PreviewFetchError, url)
    }
    assert.lengthOf(site.seen, 0, 'nothing reached the local site')
  })

  test('re-checks every redirect: into metadata, private or loopback space is refused', async ({
    assert,
  }) => {
    for (const target of ['http://169.254.169.254/', 'http://10.0.0.1/', 'http://[::1]/']) {
      const url = `${site.url}/to?url=${encodeURIComponent(target)}`
      await assert.rejects(() => safeFetch(url, allowed), /refused address/)
    }
    await assert.rejects(() => safeFetch(`${site.url}/loop`, allowed), /too many redirects/)
  })

  test('accepts HTML only, and caps size and time', async ({ assert }) => {
    await assert.rejects(() => safeFetch(`${site.url}/json`, allowed), /application\/json/)
    const big = await safeFetch(`${site.url}/big`, { ...allowed, maxBytes: 4096 })
    assert.equal(Buffer.byteLength(big.html), 4096)
    await assert.rejects(() => safeFetch(`${site.url}/slow`, { ...allowed, timeoutMs: 300 }))
  })

  test('judges addresses', ({ assert }) => {
    for (const address of ['93.184.216.34', '2606:2800:220:1:248:1893:25c8:1946', '8.8.8.8']) {
      assert.isTrue(isPublicAddress(address), address)
    }
    for (const address of ['127.0.0.1', '10.0.0.1', '169.254.169.254', '::1', '::ffff:10.0.0.1']) {
      assert.isFalse(isPublicAddress(address), address)
    }
    assert.equal(firstUrl('see (https://example.com/a?b=1).'), 'https://example.com/a?b=1')
    assert.isNull(firstUrl('no link here'))
  })
})

test.group('link-previews: attaching a preview', (group) => {
  let site: Site
  group.each.setup(async () => {
    await resetDatabase()
    site = await localSite()
    return () => site.close()
  })

  test('attaches the Open Graph data of the first URL, restamping the message', async ({
    client,
    assert,
  }) => {
    const { org, owner, alice } = await chatOrg()
    const room = await groupRoom(org, owner, [alice])
    const message = await send(org, owner, room.id, `look at ${site.url}/ and https://x.test/`)
    const attached = await previewMessage(
      { organizationId: org.id, roomId: room.id, messageId: message.id, content: message.body! },
      allowed
    )
    assert.isTrue(attached)
    const changes = await as(
      client,
      alice,
      org,
      'get',
      `/chat/rooms/${room.id}/messages?after=${message.versionSeq}`
    )
    assert.deepEqual(changes.body().data[0].preview, {
      url: `${site.url}/`,
      title: 'Parley & friends',
      description: 'A chat server',
      imageUrl: `${site.url}/cover.png`,
      siteName: 'Parley',
    })
    await as(client, owner, org, 'delete', `/chat/messages/${message.id}`)
    assert.lengthOf(await db.from('message_previews'), 0)
  })
})
