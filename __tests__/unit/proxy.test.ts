// Proxy rules as pure functions, then the real clients through the real loopback proxy: the AWS
// SDK's ECRClient with ecrHttpOptions, and @actions/github's Octokit with createGitHubClient. The
// proxy's record proves what went through it.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { BatchGetImageCommand, ECRClient } from '@aws-sdk/client-ecr'
import { NodeHttpHandler } from '@smithy/node-http-handler'
import {
  bypassesProxy,
  parseProxyUrl,
  proxyFor,
  redactProxyUrl,
  ProxyConfigError
} from '../../src/net/proxy.js'
import { ecrHttpOptions } from '../../src/net/proxy-agents.js'
import type { Env } from '../../src/types.js'
import { commentMarker, upsertComment } from '../../src/reports/comment/upsert.js'
import { describeCommentError } from '../../src/reports/comment/errors.js'
import { createGitHubClient } from '../../src/net/github-client.js'
import { startProxyServer, type ProxyServer } from '../../server/proxy-server.js'
import { startGitHubServer, type GitHubServer } from '../../server/github-server.js'

describe('redactProxyUrl', () => {
  it('hides user and password, keeps scheme, host and port', () => {
    expect(redactProxyUrl('http://user:pass@proxy.corp:3128')).toBe('http://***@proxy.corp:3128')
    expect(redactProxyUrl('https://token@proxy.corp')).toBe('https://***@proxy.corp')
    expect(redactProxyUrl('http://u:p@ss@proxy:8080/')).toBe('http://***@proxy:8080/')
    expect(redactProxyUrl('http://proxy:3128')).toBe('http://proxy:3128')
  })

  it('hides every URL in a longer message', () => {
    expect(redactProxyUrl('via http://a:b@p1:1 then http://c:d@p2:2 failed')).toBe(
      'via http://***@p1:1 then http://***@p2:2 failed'
    )
  })
})

describe('parseProxyUrl', () => {
  it('reads a bare host:port as http, as curl does', () => {
    expect(parseProxyUrl('proxy.corp:3128').href).toBe('http://proxy.corp:3128/')
  })

  it('refuses other schemes without showing the credentials', () => {
    expect(() => parseProxyUrl('socks5://me:s3cret@proxy:1080')).toThrow(ProxyConfigError)
    expect(() => parseProxyUrl('socks5://me:s3cret@proxy:1080')).toThrow(
      'Unsupported proxy scheme socks5: in socks5://***@proxy:1080: use http:// or https://'
    )
  })
})

describe('bypassesProxy (NO_PROXY as curl reads it)', () => {
  // [target, NO_PROXY, bypassed]
  const cases: Record<string, [string, string, boolean][]> = {
    'a host and its subdomains, not look-alikes, dots and case ignored': [
      ['https://example.com/x', 'example.com', true],
      ['https://api.example.com/x', 'example.com', true],
      ['https://notexample.com/x', 'example.com', false],
      ['https://api.example.com/x', '.example.com', true],
      ['https://example.com/x', '.example.com', true],
      ['https://API.Example.COM/x', 'example.com.', true]
    ],
    'entries split on commas and blanks; * matches everything': [
      ['https://b.test/', 'a.test, b.test', true],
      ['https://b.test/', 'a.test b.test', true],
      ['https://c.test/', 'a.test,b.test', false],
      ['https://anything.test/', '*', true],
      ['https://anything.test/', '', false]
    ],
    'a port when the entry names one, any port when it does not': [
      ['https://example.com/', 'example.com:443', true],
      ['https://example.com:8443/', 'example.com:443', false],
      ['http://example.com/', 'example.com:80', true],
      ['https://example.com:8443/', 'example.com', true]
    ],
    'IP addresses exactly or by CIDR range, never as name suffixes': [
      ['http://127.0.0.1:9000/', '127.0.0.1', true],
      ['http://10.1.2.3/', '10.0.0.0/8', true],
      ['http://11.1.2.3/', '10.0.0.0/8', false],
      ['http://10.0.0.1/', '0.0.1', false],
      ['http://[::1]:8080/', '::1', true],
      ['http://[::1]:8080/', '[::1]:8080', true],
      ['http://[fd00::5]/', 'fd00::/8', true]
    ]
  }

  it.each(Object.entries(cases))('matches %s', (_rule, rows) => {
    const answers = rows.map(([url, noProxy]) => bypassesProxy(new URL(url), noProxy))
    expect(answers).toEqual(rows.map(([, , bypassed]) => bypassed))
  })
})

describe('proxyFor', () => {
  const env: Env = {
    HTTPS_PROXY: 'http://secure-proxy:3128',
    HTTP_PROXY: 'http://plain-proxy:3128'
  }

  it('uses HTTPS_PROXY for https targets and HTTP_PROXY for http targets', () => {
    expect(proxyFor('https://api.ecr.us-east-1.amazonaws.com', { env })?.host).toBe(
      'secure-proxy:3128'
    )
    expect(proxyFor('http://emulator:4566', { env })?.host).toBe('plain-proxy:3128')
    expect(
      proxyFor('https://api.github.com', { env: { HTTP_PROXY: 'http://p:1' } })
    ).toBeUndefined()
  })

  it('reads either case, lower case first', () => {
    expect(proxyFor('https://x.test', { env: { https_proxy: 'http://lower:1' } })?.host).toBe(
      'lower:1'
    )
    expect(
      proxyFor('https://x.test', {
        env: { https_proxy: 'http://lower:1', HTTPS_PROXY: 'http://upper:2' }
      })?.host
    ).toBe('lower:1')
    expect(
      proxyFor('https://x.test', { env: { https_proxy: '', HTTPS_PROXY: 'http://upper:2' } })?.host
    ).toBe('upper:2')
  })

  it('lets the http-proxy input override both variables, NO_PROXY still applying', () => {
    const settings = {
      httpProxy: 'http://input-proxy:8080',
      env: { ...env, no_proxy: 'internal.test' }
    }
    expect(proxyFor('https://x.test', settings)?.host).toBe('input-proxy:8080')
    expect(proxyFor('http://x.test', settings)?.host).toBe('input-proxy:8080')
    expect(proxyFor('https://api.internal.test', settings)).toBeUndefined()
    expect(proxyFor('https://x.test', { httpProxy: ' ', env })?.host).toBe('secure-proxy:3128')
  })
})

/** A stand-in for ECR that answers every BatchGetImage with one image, recording what it saw. */
async function startTinyEcr(): Promise<{ url: string; seen: IncomingMessage[]; server: Server }> {
  const seen: IncomingMessage[] = []
  const server = createServer((req, res) => {
    seen.push(req)
    req.resume()
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' })
      res.end(
        JSON.stringify({
          images: [
            {
              registryId: '123456789012',
              repositoryName: 'team/api',
              imageId: { imageTag: 'v1', imageDigest: `sha256:${'a'.repeat(64)}` },
              imageManifestMediaType: 'application/vnd.oci.image.index.v1+json',
              imageManifest: '{}'
            }
          ],
          failures: []
        })
      )
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen, server }
}

/** One BatchGetImage with the real ECRClient; `handler` may be shared, as one per action run is. */
async function batchGetImage(
  endpoint: string,
  options: { httpProxy?: string; env: Env },
  handler = new NodeHttpHandler(ecrHttpOptions(options))
) {
  const client = new ECRClient({
    region: 'us-east-1',
    endpoint,
    maxAttempts: 1,
    credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
    requestHandler: handler
  })
  return client.send(
    new BatchGetImageCommand({ repositoryName: 'team/api', imageIds: [{ imageTag: 'v1' }] })
  )
}

describe('the ECR client through the proxy', () => {
  let proxy: ProxyServer
  let ecr: Awaited<ReturnType<typeof startTinyEcr>>

  beforeEach(async () => {
    ecr = await startTinyEcr()
  })

  afterEach(async () => {
    await proxy.close()
    ecr.server.closeAllConnections()
    await new Promise((resolve) => ecr.server.close(resolve))
  })

  it('sends an http endpoint through HTTP_PROXY as an absolute-form request', async () => {
    proxy = await startProxyServer()
    const output = await batchGetImage(ecr.url, { env: { HTTP_PROXY: proxy.url } })
    expect(output.images?.[0]?.imageId?.imageTag).toBe('v1')
    expect(proxy.requests).toEqual([{ method: 'POST', target: `${ecr.url}/` }])
    expect(ecr.seen[0]?.headers['x-amz-target']).toBe(
      'AmazonEC2ContainerRegistry_V20150921.BatchGetImage'
    )
  })

  it('goes direct when NO_PROXY names the endpoint host', async () => {
    proxy = await startProxyServer()
    const output = await batchGetImage(ecr.url, {
      env: { HTTP_PROXY: proxy.url, NO_PROXY: '127.0.0.1' }
    })
    expect(output.images).toHaveLength(1)
    expect(proxy.requests).toEqual([])
    expect(ecr.seen).toHaveLength(1)
  })

  it('judges each endpoint against NO_PROXY with one shared request handler', async () => {
    proxy = await startProxyServer()
    const options = { env: { HTTP_PROXY: proxy.url, NO_PROXY: 'localhost' } }
    const handler = new NodeHttpHandler(ecrHttpOptions(options))
    const port = new URL(ecr.url).port
    await batchGetImage(`http://localhost:${port}`, options, handler)
    await batchGetImage(`http://127.0.0.1:${port}`, options, handler)
    handler.destroy()
    expect(proxy.requests).toEqual([{ method: 'POST', target: `http://127.0.0.1:${port}/` }])
    expect(ecr.seen.map((r) => r.headers.host)).toEqual([`localhost:${port}`, `127.0.0.1:${port}`])
  })

  it('leaves the SDK its own agents when no proxy is configured', () => {
    expect(ecrHttpOptions({ env: { NO_PROXY: '*' } })).toEqual({})
    expect(ecrHttpOptions({ httpProxy: '', env: { HTTPS_PROXY: ' ' } })).toEqual({})
  })

  it('refuses a malformed proxy before any call, without showing its password', () => {
    expect(() => ecrHttpOptions({ env: { HTTPS_PROXY: 'ftp://me:s3cret@proxy:21' } })).toThrow(
      'Unsupported proxy scheme ftp: in ftp://***@proxy:21: use http:// or https://'
    )
  })

  it('sends the credentials of the proxy URL, decoded, and nothing else reaches ECR', async () => {
    proxy = await startProxyServer({ auth: { username: 'ci', password: 'p@ss:word' } })
    const httpProxy = `http://ci:${encodeURIComponent('p@ss:word')}@127.0.0.1:${proxy.port}`
    const output = await batchGetImage(ecr.url, { httpProxy, env: {} })
    expect(output.images).toHaveLength(1)
    expect(proxy.requests).toHaveLength(1)
    expect(ecr.seen[0]?.headers['proxy-authorization']).toBeUndefined()
  })

  it('is refused with 407 when the proxy credentials are wrong', async () => {
    proxy = await startProxyServer({ auth: { username: 'ci', password: 'right' } })
    const httpProxy = `http://ci:wrong@127.0.0.1:${proxy.port}`
    await expect(batchGetImage(ecr.url, { httpProxy, env: {} })).rejects.toMatchObject({
      $metadata: { httpStatusCode: 407 }
    })
    expect(proxy.rejected).toEqual([{ method: 'POST', target: `${ecr.url}/`, status: 407 }])
    expect(ecr.seen).toHaveLength(0)
  })

  it('tunnels an https endpoint through HTTPS_PROXY with CONNECT', async () => {
    proxy = await startProxyServer()
    const port = new URL(ecr.url).port
    // The tiny server speaks no TLS, so the call fails after the tunnel: the CONNECT is the point.
    await expect(
      batchGetImage(`https://127.0.0.1:${port}`, {
        env: { HTTPS_PROXY: proxy.url, HTTP_PROXY: 'http://unused:1' }
      })
    ).rejects.toThrow()
    expect(proxy.requests).toEqual([{ method: 'CONNECT', target: `127.0.0.1:${port}` }])
  })
})

describe('Octokit through the proxy', () => {
  let proxy: ProxyServer
  let github: GitHubServer
  const target = {
    owner: 'acme',
    repo: 'app',
    number: 1,
    marker: commentMarker({ workflow: 'CI', job: 'j' })
  }
  const noSleep = async () => {}

  beforeEach(async () => {
    github = await startGitHubServer({ token: 't' })
  })

  afterEach(async () => {
    await proxy.close()
    await github.close()
  })

  it('follows the http-proxy input for every call, pagination included', async () => {
    proxy = await startProxyServer()
    for (let i = 0; i < 120; i++)
      github.addComment({ owner: 'acme', repo: 'app', issueNumber: 1, body: `c${i}` })
    const octokit = createGitHubClient({
      token: 't',
      httpProxy: proxy.url,
      env: { GITHUB_API_URL: github.url }
    })
    const result = await upsertComment(
      octokit,
      { ...target, body: `${target.marker} hi` },
      { clock: { sleep: noSleep } }
    )
    expect(result.action).toBe('created')
    expect(proxy.requests.map((r) => r.method)).toEqual(['GET', 'GET', 'POST'])
    expect(proxy.requests[1]?.target).toBe(
      `${github.url}/repos/acme/app/issues/1/comments?per_page=100&page=2`
    )
    expect(github.requests).toHaveLength(3)
  })

  it('follows HTTP_PROXY from the environment, with credentials, and honours NO_PROXY', async () => {
    proxy = await startProxyServer({ auth: { username: 'u', password: 'pw' } })
    const proxied = `http://u:pw@127.0.0.1:${proxy.port}`
    const viaEnv = createGitHubClient({
      token: 't',
      env: { GITHUB_API_URL: github.url, HTTP_PROXY: proxied }
    })
    await upsertComment(viaEnv, { ...target, body: target.marker }, { clock: { sleep: noSleep } })
    expect(proxy.requests).toHaveLength(2)
    const bypassed = createGitHubClient({
      token: 't',
      env: { GITHUB_API_URL: github.url, HTTP_PROXY: proxied, no_proxy: 'localhost,127.0.0.1' }
    })
    await upsertComment(bypassed, { ...target, body: target.marker }, { clock: { sleep: noSleep } })
    expect(proxy.requests).toHaveLength(2)
    // The second run, direct: the list, whose the token is (a marked comment is there), the edit.
    expect(github.requests.slice(2).map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /repos/acme/app/issues/1/comments',
      'POST /graphql',
      'PATCH /repos/acme/app/issues/comments/1000'
    ])
  })

  it('turns a 407 for an absolute-form request into a warning without the password', async () => {
    proxy = await startProxyServer({ auth: { username: 'u', password: 'right' } })
    const octokit = createGitHubClient({
      token: 't',
      httpProxy: `http://u:wrong-secret@127.0.0.1:${proxy.port}`,
      env: { GITHUB_API_URL: github.url }
    })
    const error = await upsertComment(
      octokit,
      { ...target, body: target.marker },
      { clock: { sleep: noSleep } }
    ).catch((e: unknown) => e)
    const text = describeCommentError(error)
    expect(text).toContain('the proxy wants credentials or refused them (407)')
    expect(text).not.toContain('wrong-secret')
    expect(proxy.rejected).toHaveLength(1)
    expect(github.requests).toHaveLength(0)
  })

  it('tunnels an https API URL with CONNECT and reports a refused tunnel as 407', async () => {
    proxy = await startProxyServer({ auth: { username: 'u', password: 'right' } })
    const port = new URL(github.url).port
    const octokit = createGitHubClient({
      token: 't',
      httpProxy: `http://u:wrong@127.0.0.1:${proxy.port}`,
      env: { GITHUB_API_URL: `https://127.0.0.1:${port}` }
    })
    const error = await upsertComment(
      octokit,
      { ...target, body: target.marker },
      { clock: { sleep: noSleep } }
    ).catch((e: unknown) => e)
    expect(describeCommentError(error)).toContain('(407)')
    expect(proxy.rejected).toEqual([
      { method: 'CONNECT', target: `127.0.0.1:${port}`, status: 407 }
    ])
  })
})
