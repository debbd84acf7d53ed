// The undici dispatcher the GitHub client's fetch goes through (see ./proxy.ts for the rules):
// imported by ./github-client.ts only, so undici loads with the pull-request comment.

import { ProxyAgent, type Dispatcher } from 'undici'
import { proxyFor, type ProxySettings } from './proxy.js'

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
