// A real forward proxy on loopback, for tests that must prove a call went through a proxy: CONNECT
// tunnels (https targets, undici) and absolute-form requests (`GET http://host/path`, what
// http-proxy-agent sends for http targets), optional Basic proxy auth answered with 407, and a
// record of what went through. It only forwards to loopback targets: nothing here leaves the host.

import { createServer, request as httpRequest, type IncomingMessage } from 'node:http'
import { connect, type AddressInfo, type Socket } from 'node:net'
import type { Duplex } from 'node:stream'

export interface ProxiedRequest {
  /** `CONNECT` for a tunnel, else the method of the forwarded request. */
  method: string
  /** `host:port` for a tunnel, the absolute URL for a forwarded request. */
  target: string
}

export interface RejectedRequest extends ProxiedRequest {
  status: number
}

export interface ProxyServer {
  /** `http://127.0.0.1:<port>`, without credentials. */
  url: string
  port: number
  requests: ProxiedRequest[]
  rejected: RejectedRequest[]
  close(): Promise<void>
}

export interface ProxyServerOptions {
  port?: number
  /** When set, requests need `Proxy-Authorization: Basic` with these (407 otherwise). */
  auth?: { username: string; password: string }
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '::1', '[::1]'])

function authorized(req: IncomingMessage, auth: ProxyServerOptions['auth']): boolean {
  if (!auth) return true
  const expected = `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}`
  return req.headers['proxy-authorization'] === expected
}

function statusLine(status: number): string {
  const reasons: Record<number, string> = {
    400: 'Bad Request',
    403: 'Forbidden',
    407: 'Proxy Authentication Required',
    502: 'Bad Gateway'
  }
  const extra = status === 407 ? 'Proxy-Authenticate: Basic realm="test-proxy"\r\n' : ''
  return `HTTP/1.1 ${status} ${reasons[status] ?? 'Error'}\r\n${extra}Content-Length: 0\r\nConnection: close\r\n\r\n`
}

export async function startProxyServer(options: ProxyServerOptions = {}): Promise<ProxyServer> {
  const requests: ProxiedRequest[] = []
  const rejected: RejectedRequest[] = []
  const sockets = new Set<Socket | Duplex>()
  const track = (socket: Socket | Duplex) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  }

  /** The status to refuse with, or undefined when the request may pass. */
  function refusal(req: IncomingMessage, hostname: string): number | undefined {
    if (!authorized(req, options.auth)) return 407
    if (!LOOPBACK_HOSTS.has(hostname)) return 403
    return undefined
  }

  const server = createServer((req, res) => {
    const target = req.url ?? ''
    let url: URL
    try {
      url = new URL(target)
      if (url.protocol !== 'http:') throw new Error('not http')
    } catch {
      rejected.push({ method: req.method ?? '', target, status: 400 })
      res.writeHead(400).end('absolute-form http:// requests only')
      return
    }
    const refused = refusal(req, url.hostname)
    if (refused) {
      rejected.push({ method: req.method ?? '', target, status: refused })
      const headers = refused === 407 ? { 'proxy-authenticate': 'Basic realm="test-proxy"' } : {}
      res.writeHead(refused, headers).end()
      return
    }
    requests.push({ method: req.method ?? '', target })
    const headers = { ...req.headers }
    delete headers['proxy-authorization']
    delete headers['proxy-connection']
    const upstream = httpRequest(url, { method: req.method, headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers)
      answer.pipe(res)
    })
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502)
      res.end()
    })
    req.pipe(upstream)
  })

  server.on('connect', (req: IncomingMessage, client: Duplex, head: Buffer) => {
    track(client)
    const target = req.url ?? ''
    const match = /^(\[[^\]]+\]|[^:]+):(\d+)$/.exec(target)
    const refused = match ? refusal(req, match[1] ?? '') : 400
    if (refused || !match) {
      rejected.push({ method: 'CONNECT', target, status: refused ?? 400 })
      client.end(statusLine(refused ?? 400))
      return
    }
    requests.push({ method: 'CONNECT', target })
    let established = false
    const upstream = connect(Number(match[2]), (match[1] ?? '').replace(/^\[|\]$/g, ''), () => {
      established = true
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n')
      if (head.length > 0) upstream.write(head)
      upstream.pipe(client)
      client.pipe(upstream)
    })
    track(upstream)
    // Before the 200 the client still reads a status line; after it, only the tunnel's bytes.
    upstream.on('error', () => (established ? client.destroy() : client.end(statusLine(502))))
    client.on('error', () => upstream.destroy())
  })
  server.on('connection', track)

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', resolve)
  })
  const port = (server.address() as AddressInfo).port

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    rejected,
    close() {
      for (const socket of sockets) socket.destroy()
      return new Promise((resolve) => server.close(() => resolve()))
    }
  }
}
