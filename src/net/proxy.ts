// Which proxy a request goes through, and the agents that send it there. ECR and GitHub calls
// share one set of rules: HTTPS_PROXY for https targets, HTTP_PROXY for http targets (either case,
// lower case first as curl reads them), the `http-proxy` input overriding both, and NO_PROXY
// always applying. Unlike @actions/http-client, loopback targets are not exempt on their own:
// curl proxies them too unless NO_PROXY names them, and the tests rely on it.

import { BlockList, isIP } from 'node:net'
import { Agent as HttpAgent, type ClientRequest, type RequestOptions } from 'node:http'
import { Agent as HttpsAgent } from 'node:https'
import { HttpProxyAgent } from 'http-proxy-agent'
import { HttpsProxyAgent } from 'https-proxy-agent'
import { ProxyAgent, type Dispatcher } from 'undici'
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

type AddRequest = (req: ClientRequest, options: RequestOptions) => void

/**
 * Picks, per target host and port, the agent a request goes out with: one proxy agent per proxy
 * URL (absolute-form `HttpProxyAgent` for http targets, CONNECT `HttpsProxyAgent` for https
 * ones), or a direct keep-alive agent. Deciding per request, not per client, lets one request
 * handler serve every region's endpoint, each judged against NO_PROXY on its own.
 */
class AgentRouter {
  readonly #agents = new Map<string, HttpAgent>()

  constructor(
    private readonly settings: ProxySettings,
    private readonly secure: boolean
  ) {}

  addRequest(req: ClientRequest, options: RequestOptions): void {
    const host = options.host ?? options.hostname ?? 'localhost'
    const authority = isIP(host) === 6 ? `[${host}]` : host
    const target = new URL(`${this.secure ? 'https' : 'http'}://${authority}:${options.port ?? ''}`)
    const proxy = proxyFor(target, this.settings)
    const key = proxy?.href ?? 'direct'
    let agent = this.#agents.get(key)
    if (!agent) {
      agent = this.#create(proxy)
      this.#agents.set(key, agent)
    }
    // addRequest is the (untyped) method ClientRequest hands every request to its agent with.
    ;(agent as unknown as { addRequest: AddRequest }).addRequest(req, options)
  }

  #create(proxy: URL | undefined): HttpAgent {
    const options = { keepAlive: true }
    if (proxy)
      return this.secure ? new HttpsProxyAgent(proxy, options) : new HttpProxyAgent(proxy, options)
    return this.secure ? new HttpsAgent(options) : new HttpAgent(options)
  }

  destroy(): void {
    for (const agent of this.#agents.values()) agent.destroy()
    this.#agents.clear()
  }
}

/** A `Base` agent whose requests the router sends on; destroying it destroys what it sent to. */
function routedAgent<A extends HttpAgent>(
  Base: new (options: { keepAlive: boolean }) => A,
  router: AgentRouter
): A {
  const agent = new Base({ keepAlive: true })
  const destroy = agent.destroy.bind(agent)
  return Object.assign(agent, {
    addRequest: (req: ClientRequest, options: RequestOptions) => router.addRequest(req, options),
    destroy: () => {
      router.destroy()
      destroy()
    }
  })
}

/** The proxy URLs configured, each parsed now so a bad one fails before the first call. */
function configuredProxies(settings: ProxySettings): URL[] {
  const values = [
    settings.httpProxy?.trim() ? settings.httpProxy : undefined,
    envValue(settings.env, 'https_proxy'),
    envValue(settings.env, 'http_proxy')
  ]
  return values.filter((value) => value !== undefined).map(parseProxyUrl)
}

/**
 * The request handler options that send ECR calls through the proxy the rules pick, decided for
 * each call's own endpoint (regions, `endpoint` input, AWS_ENDPOINT_URL*). Credentials in the
 * proxy URL become `Proxy-Authorization: Basic`. No proxy configured: `{}`, the SDK's own agents.
 */
export function ecrHttpOptions(settings: ProxySettings): EcrHttpOptions {
  if (configuredProxies(settings).length === 0) return {}
  return {
    httpAgent: routedAgent(HttpAgent, new AgentRouter(settings, false)),
    httpsAgent: routedAgent(HttpsAgent, new AgentRouter(settings, true))
  }
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
