// Which proxy a request goes through, and the agents that send it there. ECR and GitHub calls
// share one set of rules: HTTPS_PROXY for https targets, HTTP_PROXY for http targets (either case,
// lower case first as curl reads them), the `http-proxy` input overriding both, and NO_PROXY
// always applying. Unlike @actions/http-client, loopback targets are not exempt on their own:
// curl proxies them too unless NO_PROXY names them, and the tests rely on it.

import { BlockList, isIP } from 'node:net'
import type { Agent as HttpAgent } from 'node:http'
import type { Agent as HttpsAgent } from 'node:https'
import { HttpProxyAgent } from 'http-proxy-agent'
import { HttpsProxyAgent } from 'https-proxy-agent'
import { ProxyAgent, type Dispatcher } from 'undici'

/** The environment variables the proxy rules read (`process.env` in the action). */
export type ProxyEnv = Record<string, string | undefined>

export interface ProxySettings {
  /** The `http-proxy` input: replaces HTTPS_PROXY and HTTP_PROXY when set. */
  httpProxy?: string
  env: ProxyEnv
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
      `Unsupported proxy scheme ${url.protocol} in ${redactProxyUrl(url.href)}: use http:// or https://`
    )
  }
  return url
}

function envValue(env: ProxyEnv, name: string): string | undefined {
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

/** Where the ECR client sends its calls: the explicit endpoint, the SDK's env vars, or AWS's own. */
export function ecrEndpointUrl(endpointUrl: string | undefined, region: string, env: ProxyEnv) {
  const explicit = endpointUrl?.trim() || env.AWS_ENDPOINT_URL_ECR || env.AWS_ENDPOINT_URL
  if (explicit) return explicit
  const domain = region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com'
  return `https://api.ecr.${region}.${domain}`
}

/** Agents for `new NodeHttpHandler({ httpAgent, httpsAgent })`; empty when no proxy applies. */
export interface EcrHttpOptions {
  httpAgent?: HttpAgent
  httpsAgent?: HttpsAgent
}

export interface EcrHttpOptionsInput {
  /** The URL the ECR client calls (see `ecrEndpointUrl`). */
  endpointUrl: string
  httpProxy?: string
  env: ProxyEnv
}

/**
 * The request handler options that send ECR calls through the proxy the rules pick: an http
 * endpoint (an emulator, the local test server) gets absolute-form requests (`HttpProxyAgent`),
 * an https endpoint a CONNECT tunnel (`HttpsProxyAgent`). Credentials in the proxy URL become
 * `Proxy-Authorization: Basic`.
 */
export function ecrHttpOptions(input: EcrHttpOptionsInput): EcrHttpOptions {
  const target = new URL(input.endpointUrl)
  const proxy = proxyFor(target, input)
  if (!proxy) return {}
  if (target.protocol === 'http:')
    return { httpAgent: new HttpProxyAgent(proxy, { keepAlive: true }) }
  // agent-base agents are http.Agent subclasses that also speak TLS; the SDK only calls the
  // http.Agent surface, which is why the cast is safe.
  return { httpsAgent: new HttpsProxyAgent(proxy, { keepAlive: true }) as unknown as HttpsAgent }
}

function basicProxyAuthorization(proxy: URL): string | undefined {
  if (!proxy.username && !proxy.password) return undefined
  const pair = `${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`
  return `Basic ${Buffer.from(pair).toString('base64')}`
}

/**
 * An undici dispatcher that sends fetch calls to `target`'s origin through the proxy the rules
 * pick, or undefined for a direct connection. Plain http targets behind a plain http proxy use
 * absolute-form requests, everything else a CONNECT tunnel, as the ECR agents do.
 */
export function proxyDispatcher(
  target: string | URL,
  settings: ProxySettings
): Dispatcher | undefined {
  const url = typeof target === 'string' ? new URL(target) : target
  const proxy = proxyFor(url, settings)
  if (!proxy) return undefined
  const token = basicProxyAuthorization(proxy)
  const uri = new URL(proxy.href)
  uri.username = ''
  uri.password = ''
  return new ProxyAgent({
    uri: uri.href,
    proxyTunnel: url.protocol !== 'http:',
    ...(token ? { token } : {})
  })
}
