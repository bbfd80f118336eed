import { getConnInfo } from '@hono/node-server/conninfo'
import parseForwarded from 'forwarded-parse'
import type { Context } from 'hono'
import proxyaddr from 'proxy-addr'

/**
 * Which hops in front of the server to believe (TRUST_PROXY): none, the nearest `hops`, or the
 * addresses and CIDRs (and proxy-addr's names loopback, linklocal, uniquelocal) of our proxies.
 */
export type TrustProxy = { kind: 'off' } | { kind: 'hops'; hops: number } | { kind: 'addresses'; addresses: string[] }
/** The header the trusted proxies write the chain of addresses into (FORWARDED_HEADER). */
export type ForwardedHeader = 'x-forwarded-for' | 'forwarded'
export type ClientAddressRule = { trust: TrustProxy; header: ForwardedHeader }

export const NO_PROXY: ClientAddressRule = { trust: { kind: 'off' }, header: 'x-forwarded-for' }

/**
 * Reads TRUST_PROXY: unset, `false` or `0` (off), a hop count, or a comma-separated list of
 * addresses/CIDRs. Throws on an address proxy-addr can't read, so a typo stops start-up.
 */
export function parseTrustProxy(value: string | undefined): TrustProxy {
  const text = (value ?? '').trim()
  if (text === '' || text === 'false' || text === '0') return { kind: 'off' }
  if (/^\d+$/.test(text)) return { kind: 'hops', hops: Number(text) }
  const addresses = text.split(',').map((a) => a.trim()).filter(Boolean)
  proxyaddr.compile(addresses)
  return { kind: 'addresses', addresses }
}

/**
 * Who is asking, for limits and throttles: the socket's address, or behind trusted proxies the
 * nearest address in the forwarded chain that is not one of them. Walking from the socket
 * inwards, an address a client wrote itself (a spoofed extra hop) lies beyond the first
 * untrusted one and is never reached. 'unknown' where there is no socket (app.request in tests).
 */
export function clientAddress(c: Context, rule: ClientAddressRule = NO_PROXY): string {
  const socket = socketAddress(c)
  if (rule.trust.kind === 'off' || socket === undefined) return socket ?? 'unknown'
  const chain = rule.header === 'forwarded' ? forwardedFor(c.req.header('forwarded')) : c.req.header('x-forwarded-for')
  const request = { headers: { 'x-forwarded-for': chain }, socket: { remoteAddress: socket }, connection: { remoteAddress: socket } }
  return proxyaddr(request as unknown as Parameters<typeof proxyaddr>[0], trustFunction(rule.trust))
}

function socketAddress(c: Context): string | undefined {
  try {
    return getConnInfo(c).remote.address
  } catch {
    return undefined
  }
}

const compiled = new WeakMap<TrustProxy, (address: string, hop: number) => boolean>()
function trustFunction(trust: Exclude<TrustProxy, { kind: 'off' }>) {
  let f = compiled.get(trust)
  if (!f) {
    f = trust.kind === 'hops' ? (_address: string, hop: number) => hop < trust.hops : proxyaddr.compile(trust.addresses)
    compiled.set(trust, f)
  }
  return f
}

/** RFC 7239 `for=` values as an X-Forwarded-For list: quotes, brackets and ports taken off. */
function forwardedFor(header: string | undefined): string | undefined {
  if (!header) return undefined
  let elements: Record<string, string>[]
  try {
    elements = parseForwarded(header)
  } catch {
    // Malformed: no hop of it can be believed, so the chain stops at the proxy.
    return undefined
  }
  return elements
    .map((e) => e.for ?? 'unknown')
    .map((f) => f.replace(/^\[([^\]]+)\](:\d+)?$/, '$1').replace(/^(\d+\.\d+\.\d+\.\d+):\d+$/, '$1'))
    .join(', ')
}
