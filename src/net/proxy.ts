// Which proxy a request goes through, and the agents that send it there. ECR and GitHub calls
// share one set of rules: HTTPS_PROXY for https targets, HTTP_PROXY for http targets (either case,
// lower case first as curl reads them), the `http-proxy` input overriding both, and NO_PROXY
// always applying. Unlike @actions/http-client, loopback targets are not exempt on their own:
// curl proxies them too unless NO_PROXY names them, and the tests rely on it.

//
// The agents that carry a proxied request (./proxy-agents.ts for ECR, ./proxy-dispatcher.ts for
// the GitHub client) are separate modules, loaded only when a proxy is configured or the comment
// is posted: with their packages (http-proxy-agent, https-proxy-agent, undici) they would cost
// every start.

import { BlockList, isIP } from 'node:net'
import type { Agent as HttpAgent } from 'node:http'
import type { Agent as HttpsAgent } from 'node:https'
import type { Env } from '../types.js'

export interface ProxySettings {
  /** The `http-proxy` input: replaces HTTPS_PROXY and HTTP_PROXY when set. */
  httpProxy?: string
  env: Env
}

/** A proxy URL that cannot be used; its message never shows the credentials. */
export class ProxyConfigError extends Error {
  override name = 'ProxyConfigError'
}

// `scheme://anything@` up to the last `@` of the authority: a password with an unencoded `@` is
// hidden whole rather than half.
const CREDENTIALS_IN_URL = /([a-z][a-z0-9+.-]*:\/\/)[^\s/?#]*@/gi

/** Hides the user and password of every URL in `text`: `http://***@proxy:3128`. */
export function redactProxyUrl(text: string): string {
  return text.replace(CREDENTIALS_IN_URL, '$1***@')
}

/** Parses a proxy URL as curl does: no scheme means `http://`; only http and https proxies. */
export function parseProxyUrl(text: string): URL {
  const trimmed = text.trim()
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `http://${trimmed}`
  let url: URL
  try {
    url = new URL(withScheme)
  } catch {
    throw new ProxyConfigError(`Invalid proxy URL: ${redactProxyUrl(withScheme)}`)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ProxyConfigError(
      `Unsupported proxy scheme ${url.protocol} in ${redactProxyUrl(withScheme)}: use http:// or https://`
    )
  }
  return url
}

function envValue(env: Env, name: string): string | undefined {
  const value = env[name.toLowerCase()] || env[name.toUpperCase()]
  return value?.trim() ? value : undefined
}

function defaultPort(protocol: string): number {
  return protocol === 'https:' ? 443 : 80
}

/** One NO_PROXY entry: a host or domain, an IP or CIDR range, with an optional port. */
interface NoProxyEntry {
  host: string
  port?: number
}

function parseNoProxyEntry(token: string): NoProxyEntry {
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(token)
  if (bracketed) return withPort(bracketed[1] ?? '', bracketed[2])
  const hostPort = /^([^:]+):(\d+)$/.exec(token)
  if (hostPort) return withPort(hostPort[1] ?? '', hostPort[2])
  return { host: token }
}

function withPort(host: string, port: string | undefined): NoProxyEntry {
  return port ? { host, port: Number(port) } : { host }
}

function addressMatches(address: string, entry: string): boolean {
  const [network, bits] = entry.split('/')
  const family = isIP(network ?? '')
  if (!network || family !== isIP(address)) return false
  const type = family === 6 ? 'ipv6' : 'ipv4'
  const list = new BlockList()
  if (bits === undefined) list.addAddress(network, type)
  else list.addSubnet(network, Number(bits), type)
  return list.check(address, type)
}

// curl's rules: leading and trailing dots ignored; `example.com` matches itself and its
// subdomains but not `notexample.com`; IP entries match addresses (CIDR allowed), never names.
function hostMatches(hostname: string, entry: string): boolean {
  if (isIP(hostname)) return addressMatches(hostname, entry)
  const name = hostname.replace(/\.$/, '').toLowerCase()
  const domain = entry.replace(/^\./, '').replace(/\.$/, '').toLowerCase()
  return domain !== '' && (name === domain || name.endsWith(`.${domain}`))
}

/**
 * Whether NO_PROXY exempts `target`. Entries are separated by commas and/or blanks; `*` matches
 * every host. An entry without a port matches every port (curl); `host:port` matches that port
 * only (as @actions/http-client and Go read it).
 */
export function bypassesProxy(target: URL, noProxy: string): boolean {
  const hostname = target.hostname.replace(/^\[|\]$/g, '')
  const port = target.port ? Number(target.port) : defaultPort(target.protocol)
  return noProxy
    .split(/[\s,]+/)
    .filter((token) => token !== '')
    .some((token) => {
      if (token === '*') return true
      const entry = parseNoProxyEntry(token)
      return (entry.port === undefined || entry.port === port) && hostMatches(hostname, entry.host)
    })
}

/** The proxy `target` goes through, or undefined for a direct connection. */
export function proxyFor(target: string | URL, settings: ProxySettings): URL | undefined {
  const url = typeof target === 'string' ? new URL(target) : target
  const noProxy = envValue(settings.env, 'no_proxy') ?? ''
  if (bypassesProxy(url, noProxy)) return undefined
  const configured =
    (settings.httpProxy?.trim() ? settings.httpProxy : undefined) ??
    envValue(settings.env, url.protocol === 'https:' ? 'https_proxy' : 'http_proxy')
  return configured ? parseProxyUrl(configured) : undefined
}

/** Agents for `new NodeHttpHandler({ httpAgent, httpsAgent })`; empty when no proxy is set. */
export interface EcrHttpOptions {
  httpAgent?: HttpAgent
  httpsAgent?: HttpsAgent
}

/** The proxy URLs configured, each parsed now so a bad one fails before the first call. */
export function configuredProxies(settings: ProxySettings): URL[] {
  const values = [
    settings.httpProxy?.trim() ? settings.httpProxy : undefined,
    envValue(settings.env, 'https_proxy'),
    envValue(settings.env, 'http_proxy')
  ]
  return values.filter((value) => value !== undefined).map(parseProxyUrl)
}
