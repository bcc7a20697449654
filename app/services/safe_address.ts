import { BlockList, isIP, type LookupFunction } from 'node:net'
import { lookup as dnsLookup } from 'node:dns'

/*
 * The SSRF rules of every request Parley makes to a URL someone else chose
 * (link previews, outgoing webhooks, slash commands): private, loopback,
 * link-local (cloud metadata), shared, documentation and reserved addresses
 * are refused. Host names are resolved here and every address is checked
 * before the socket opens, and the socket connects to exactly the address
 * checked (the `lookup` hook of node:http), so DNS rebinding between check
 * and connect is impossible. Moved from the link-previews plugin so that
 * core features use the same rules; plugins reach it through
 * `#extensions/network`.
 */

/** Why a request was refused before it was sent. */
export class UnsafeAddressError extends Error {}

/**
 * Tests only: addresses allowed despite the rules (a local test server on
 * 127.0.0.1). No setting or environment variable reaches it.
 */
export type AddressAllowance = (address: string) => boolean

/** Addresses no outgoing request may reach. */
const BLOCKED = new BlockList()
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  BLOCKED.addSubnet(network, prefix, 'ipv4')
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b::', 96],
  ['100::', 64],
  ['2001:db8::', 32],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  BLOCKED.addSubnet(network, prefix, 'ipv6')
}

/** Whether an address is public (IPv4-mapped IPv6 addresses are judged as IPv4). */
export function isPublicAddress(address: string) {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1]
  if (mapped) return isPublicAddress(mapped)
  const family = isIP(address)
  if (!family) return false
  return !BLOCKED.check(address, family === 4 ? 'ipv4' : 'ipv6')
}

/** A `lookup` for node:http that refuses any address that is not public (or test-allowed). */
export function guardedLookup(allow?: AddressAllowance): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, '', 0)
      const list = addresses as unknown as { address: string; family: number }[]
      const refused = list.find(
        (entry) => !isPublicAddress(entry.address) && !allow?.(entry.address)
      )
      if (!list.length || refused) {
        const reason = `refused address ${refused?.address ?? 'none'} for ${hostname}`
        return callback(new UnsafeAddressError(reason), '', 0)
      }
      if (options.all) return callback(null, list as never)
      callback(null, list[0].address, list[0].family)
    })
  }
}

/**
 * Refuses, before any connection, a URL that is not http(s), carries
 * credentials, or names a refused address literally (names are checked by
 * `guardedLookup` when the socket opens).
 */
export function assertSafeUrl(url: URL, allow?: AddressAllowance) {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UnsafeAddressError(`refused scheme ${url.protocol}`)
  }
  if (url.username || url.password) {
    throw new UnsafeAddressError('refused credentials in the URL')
  }
  const literal = url.hostname.replace(/^\[|\]$/g, '')
  if (isIP(literal) && !isPublicAddress(literal) && !allow?.(literal)) {
    throw new UnsafeAddressError(`refused address ${literal}`)
  }
}
