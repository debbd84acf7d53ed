// The agents ECR calls go out with when a proxy is configured (see ./proxy.ts for the rules):
// runtime.ts imports this module only then, and http-proxy-agent and https-proxy-agent with it.

import { Agent as HttpAgent, type ClientRequest, type RequestOptions } from 'node:http'
import { Agent as HttpsAgent } from 'node:https'
import { isIP } from 'node:net'
import { HttpProxyAgent } from 'http-proxy-agent'
import { HttpsProxyAgent } from 'https-proxy-agent'
import { configuredProxies, proxyFor, type EcrHttpOptions, type ProxySettings } from './proxy.js'

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
