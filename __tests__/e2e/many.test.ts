// End to end, issue 4: dist/index.js against the local ECR server, as the runner runs it. Many
// images across repositories through `images` (batched at 100 ids a call, outputs keyed by the
// reference as written), short references, waiting for an image still being pushed (and timing
// out, and being cancelled), dry runs, the `request` input, and proxies.
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { expectSuccess } from '../helpers/action-run.js'
import { awsCliJson } from '../helpers/aws-cli.js'
import { useEcrServer } from '../helpers/ecr-fixture.js'
import { pullRequestEvent } from '../helpers/events.js'
import {
  DEFAULT_MEDIA_TYPES,
  ociImageManifest,
  pinnedUri,
  registryHost
} from '../helpers/images.js'
import { runAction, type RunActionOptions } from '../../harness/run-action.js'
import { SEEDED, SEED_REGISTRY_ID } from '../../server/fixtures.js'
import { startGitHubServer, type GitHubServer } from '../../server/github-server.js'
import { startProxyServer, type ProxyServer } from '../../server/proxy-server.js'

const HOST = registryHost()
const API_DIGEST = SEEDED.api.image.digest

const ecr = useEcrServer({ tempDir: 'e2e-many-', resetAfterEach: ['faults', 'calls'] })

function run(inputs: Record<string, string>, options: Partial<RunActionOptions> = {}) {
  return runAction({
    endpoint: ecr.server.url,
    ...options,
    inputs: { 'max-attempts': '1', ...inputs }
  })
}

const json = <T>(text: string | undefined): T => JSON.parse(text ?? 'null') as T

/** A small OCI image manifest; `n` makes each one (and so its digest) different. */
function ociManifest(n: string): string {
  return ociImageManifest({
    configDigit: 'a',
    layerDigit: 'b',
    layerSize: 3_623_807,
    annotations: { 'org.opencontainers.image.revision': n }
  })
}

describe('many images through `images`', () => {
  it('250 ids over two repositories: 4 calls, outputs keyed by the reference as written, in input order', async () => {
    ecr.server.createRepository('many/api', SEED_REGISTRY_ID)
    ecr.server.createRepository('many/worker', SEED_REGISTRY_ID)
    const expected = new Map<string, string>()
    const references: string[] = []
    // Interleaved, so input order is not the order the calls are grouped in.
    for (let i = 0; i < 125; i++) {
      for (const repositoryName of ['many/api', 'many/worker']) {
        const tag = i === 0 ? 'v1' : `v1.${i}.0`
        const digest = ecr.server.putImage({
          repositoryName,
          registryId: SEED_REGISTRY_ID,
          manifest: ociManifest(`${repositoryName}:${tag}`),
          tag
        })
        const reference = `${HOST}/${repositoryName}:${tag}`
        references.push(reference)
        expected.set(reference, digest)
      }
    }

    const result = await run({ images: references.join('\n'), summary: 'false' })
    expectSuccess(result)

    const calls = ecr.batchGetImageCalls()
    expect(calls).toHaveLength(4)
    const shape = calls
      .map((c) => `${String(c.body.repositoryName)} ${(c.body.imageIds as unknown[]).length}`)
      .sort()
    expect(shape).toEqual(['many/api 100', 'many/api 25', 'many/worker 100', 'many/worker 25'])
    for (const call of calls) {
      expect(call.body.registryId).toBe(SEED_REGISTRY_ID)
      expect(call.region).toBe('us-east-1')
    }

    expect(result.outputs['found-count']).toBe('250')
    expect(result.outputs['missing-count']).toBe('0')
    expect(result.outputs['all-found']).toBe('true')
    const digests = json<Record<string, string>>(result.outputs.digests)
    const uris = json<Record<string, string>>(result.outputs['image-uris'])
    expect(Object.keys(digests)).toEqual(references)
    expect(Object.keys(uris)).toEqual(references)
    expect(digests).toEqual(Object.fromEntries(expected))
    // What a workflow reads as fromJSON(steps.ecr.outputs.image-uris)['…/many/api:v1'].
    expect(uris[`${HOST}/many/api:v1`]).toBe(
      `${HOST}/many/api@${expected.get(`${HOST}/many/api:v1`)}`
    )
    expect(uris[`${HOST}/many/worker:v1.124.0`]).toBe(
      `${HOST}/many/worker@${expected.get(`${HOST}/many/worker:v1.124.0`)}`
    )
    expect(result.outputs.digest).toBe(expected.get(references[0]!))
    const images = json<{ repositoryName: string; imageId: { imageTag: string } }[]>(
      result.outputs.images
    )
    expect(images.map((i) => `${HOST}/${i.repositoryName}:${i.imageId.imageTag}`)).toEqual(
      references
    )
    const manifests = json<{ id: string }[]>(result.outputs.manifests)
    expect(manifests.map((m) => m.id)).toEqual(references)
  })

  it('resolves short references with registry-id and region', async () => {
    const result = await run({
      images: 'team/api:v1.13.6\nteam/web:v1',
      'registry-id': SEED_REGISTRY_ID,
      region: 'eu-west-1'
    })
    expectSuccess(result)
    const calls = ecr.batchGetImageCalls()
    // The two calls run concurrently: compare them in a fixed order.
    const seen = calls.map((c) => [c.region, c.body.registryId, c.body.repositoryName].join(' '))
    expect(seen.sort()).toEqual([
      `eu-west-1 ${SEED_REGISTRY_ID} team/api`,
      `eu-west-1 ${SEED_REGISTRY_ID} team/web`
    ])
    expect(json(result.outputs['image-uris'])).toEqual({
      'team/api:v1.13.6': pinnedUri('team/api', API_DIGEST, 'eu-west-1'),
      'team/web:v1': pinnedUri('team/web', SEEDED.web.image.digest, 'eu-west-1')
    })
  })

  it('rejects a reference outside private ECR as an input error, before any call', async () => {
    const result = await run({ images: `docker.io/library/nginx:1.27\n${HOST}/team/api:v1.13.6` })
    expect(result.code).toBe(1)
    expect(result.annotations).toEqual([
      {
        level: 'error',
        message:
          '1 input problem; nothing was sent to ECR:\n- images: "docker.io/library/nginx:1.27" is not in a private ECR registry: docker.io is not an ECR registry host (like 123456789012.dkr.ecr.us-east-1.amazonaws.com).',
        properties: {}
      }
    ])
    expect(result.outputs).toEqual({})
    expect(ecr.server.calls).toHaveLength(0)
  })
})

describe('waiting for images', () => {
  it('waits for an image pushed 2 s after the start, asking only for the missing ids', async () => {
    ecr.server.createRepository('wait/pushed', SEED_REGISTRY_ID)
    ecr.server.putImage({
      repositoryName: 'wait/pushed',
      registryId: SEED_REGISTRY_ID,
      manifest: ociManifest('base'),
      tag: 'base'
    })
    const started = Date.now()
    let pushedDigest = ''
    const push = setTimeout(() => {
      pushedDigest = ecr.server.putImage({
        repositoryName: 'wait/pushed',
        registryId: SEED_REGISTRY_ID,
        manifest: ociManifest('late'),
        tag: 'v9'
      })
    }, 2000)
    const result = await run(
      {
        repository: 'wait/pushed',
        'image-ids': 'base v9',
        'wait-timeout': '30s',
        'wait-interval': '500ms'
      },
      { timeoutMs: 25_000 }
    ).finally(() => clearTimeout(push))
    expectSuccess(result)
    expect(Date.now() - started).toBeGreaterThanOrEqual(2000)

    expect(result.stdout).toMatch(/^1\/2 found, waiting \d+\.\ds for wait\/pushed v9 …$/m)
    expect(Number(result.outputs['waited-seconds'])).toBeGreaterThanOrEqual(1.5)
    expect(Number(result.outputs['waited-seconds'])).toBeLessThan(10)
    expect(result.outputs['all-found']).toBe('true')
    expect(json(result.outputs.digests)).toMatchObject({ v9: pushedDigest })

    const calls = ecr.batchGetImageCalls()
    expect(calls[0]!.body.imageIds).toEqual([{ imageTag: 'base' }, { imageTag: 'v9' }])
    expect(calls.length).toBeGreaterThanOrEqual(3)
    for (const poll of calls.slice(1)) expect(poll.body.imageIds).toEqual([{ imageTag: 'v9' }])
    // Polls back off from 500 ms: the second delay is longer than the first (±20% jitter).
    expect(calls[1]!.at - calls[0]!.at).toBeGreaterThanOrEqual(350)
    expect(result.summary).toMatch(/^- Waited \d+\.\ds for images\.$/m)
  })

  it('times out after wait-timeout, then if-missing applies', async () => {
    ecr.server.createRepository('wait/never', SEED_REGISTRY_ID)
    const result = await run(
      {
        repository: 'wait/never',
        'image-ids': 'v404',
        'wait-timeout': '2s',
        'wait-interval': '500ms',
        'if-missing': 'warn'
      },
      { timeoutMs: 15_000 }
    )
    expect(result.code).toBe(0)
    const waited = Number(result.outputs['waited-seconds'])
    expect(waited).toBeGreaterThanOrEqual(1.9)
    expect(waited).toBeLessThan(3)
    expect(result.annotations.filter((a) => a.level !== 'debug')).toEqual([
      {
        level: 'warning',
        title: 'wait/never v404',
        message: 'ImageNotFound: Requested image not found',
        properties: { title: 'wait/never v404' }
      }
    ])
    expect(result.outputs.missing).toBe('["v404"]')
    expect(result.outputs['all-found']).toBe('false')
    for (const call of ecr.batchGetImageCalls())
      expect(call.body.imageIds).toEqual([{ imageTag: 'v404' }])
    expect(ecr.batchGetImageCalls().length).toBeGreaterThanOrEqual(3)
  })

  it('stops within 3 s of SIGINT during a wait, writing the outputs found so far', async () => {
    ecr.server.createRepository('wait/cancelled', SEED_REGISTRY_ID)
    const result = await runAction({
      inputs: {
        repository: 'wait/cancelled',
        'image-ids': 'v1',
        'wait-timeout': '60s',
        'wait-interval': '10s',
        'max-attempts': '1'
      },
      endpoint: ecr.server.url,
      interrupt: { when: /found, waiting/ }
    })
    expect(result.stdout).toMatch(/^0\/1 found, waiting \d+\.\ds for wait\/cancelled v1 …$/m)
    expect(result.code).toBe(1)
    // The handler's fallback exits 130 after 3 s; the abort must beat it.
    expect(result.exitAfterSignalMs).toBeLessThan(3000)
    expect(result.annotations.filter((a) => a.level !== 'debug')).toEqual([
      {
        level: 'error',
        title: 'wait/cancelled v1',
        message: 'ImageNotFound: Requested image not found',
        properties: { title: 'wait/cancelled v1' }
      },
      {
        level: 'error',
        message: 'Cancelled while waiting for images; outputs show what was found so far.',
        properties: {}
      }
    ])
    expect(result.outputs.missing).toBe('["v1"]')
    expect(result.outputs['found-count']).toBe('0')
    expect(Number(result.outputs['waited-seconds'])).toBeLessThan(9)
    expect(result.summary).toMatch(/^- Cancelled after waiting \d+\.\ds\.$/m)
  })
})

describe('dry run', () => {
  it('sends nothing, needs no credentials, and prints requests in the CLI skeleton shape', async () => {
    const result = await run(
      {
        images: `${HOST}/team/api:v1.13.6\n${HOST}/team/api:latest\n${HOST}/team/web@${SEEDED.web.image.digest}`,
        'dry-run': 'true'
      },
      { env: { AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined } }
    )
    expectSuccess(result)
    expect(ecr.server.calls).toHaveLength(0)
    expect(result.stdout).toContain(
      'Dry run: 2 BatchGetImage call(s) would be sent; nothing was sent.\n'
    )
    const requests = json<Record<string, unknown>[]>(result.outputs.requests)
    expect(requests).toEqual([
      {
        registryId: SEED_REGISTRY_ID,
        repositoryName: 'team/api',
        imageIds: [{ imageTag: 'v1.13.6' }, { imageTag: 'latest' }],
        acceptedMediaTypes: DEFAULT_MEDIA_TYPES
      },
      {
        registryId: SEED_REGISTRY_ID,
        repositoryName: 'team/web',
        imageIds: [{ imageDigest: SEEDED.web.image.digest }],
        acceptedMediaTypes: DEFAULT_MEDIA_TYPES
      }
    ])
    expect(result.outputs.digest).toBeUndefined()

    // The shape is the CLI's own: its skeleton has these keys, and it takes each request as is.
    const skeleton = await awsCliJson<Record<string, unknown>>(ecr.server.url, [
      'ecr',
      'batch-get-image',
      '--generate-cli-skeleton',
      'input'
    ])
    expect(Object.keys(skeleton).sort()).toEqual(Object.keys(requests[0]!).sort())
    const replayed = await awsCliJson<{ images: { imageId: { imageDigest: string } }[] }>(
      ecr.server.url,
      ['ecr', 'batch-get-image', '--cli-input-json', JSON.stringify(requests[0])]
    )
    expect(replayed.images.map((i) => i.imageId.imageDigest)).toEqual([API_DIGEST, API_DIGEST])
  })
})

describe('request input', () => {
  it('takes a request as inline JSON', async () => {
    const result = await run({
      request: JSON.stringify({
        registryId: SEED_REGISTRY_ID,
        repositoryName: 'team/api',
        imageIds: [{ imageTag: 'v1.13.6' }, { imageTag: 'latest' }],
        acceptedMediaTypes: ['application/vnd.docker.distribution.manifest.v2+json']
      })
    })
    expectSuccess(result)
    expect(ecr.batchGetImageCalls().map((c) => c.body)).toEqual([
      {
        registryId: SEED_REGISTRY_ID,
        repositoryName: 'team/api',
        imageIds: [{ imageTag: 'v1.13.6' }, { imageTag: 'latest' }],
        acceptedMediaTypes: ['application/vnd.docker.distribution.manifest.v2+json']
      }
    ])
    expect(result.outputs['found-count']).toBe('2')
    expect(Object.values(json<Record<string, string>>(result.outputs.digests))).toEqual([
      API_DIGEST,
      API_DIGEST
    ])
  })

  it('takes a YAML request from @file, with image-ids overriding its imageIds', async () => {
    const path = join(ecr.dir, 'ecr-request.yaml')
    await writeFile(
      path,
      [
        '# aws ecr batch-get-image --generate-cli-skeleton yaml-input, filled in',
        `registryId: '${SEED_REGISTRY_ID}'`,
        'repositoryName: team/api',
        'imageIds:',
        '  - imageTag: v1.13.6',
        '  - imageTag: does-not-exist',
        ''
      ].join('\n')
    )
    // An absolute path is read when it is inside the workspace.
    const result = await run(
      { request: `@${path}`, 'image-ids': 'latest' },
      { env: { GITHUB_WORKSPACE: ecr.dir } }
    )
    expectSuccess(result)
    expect(ecr.batchGetImageCalls().map((c) => c.body)).toEqual([
      {
        registryId: SEED_REGISTRY_ID,
        repositoryName: 'team/api',
        imageIds: [{ imageTag: 'latest' }],
        acceptedMediaTypes: DEFAULT_MEDIA_TYPES
      }
    ])
    expect(result.outputs.digests).toBe(JSON.stringify({ latest: API_DIGEST }))
  })
})

describe('proxies', () => {
  let proxy: ProxyServer
  let authProxy: ProxyServer
  let github: GitHubServer
  const USER = 'proxy-user'
  const SECRET = 's3cr3t-proxy-pass'

  beforeAll(async () => {
    proxy = await startProxyServer()
    authProxy = await startProxyServer({ auth: { username: USER, password: SECRET } })
    github = await startGitHubServer()
  })

  afterAll(async () => {
    await Promise.all([proxy.close(), authProxy.close(), github.close()])
  })

  afterEach(() => {
    proxy.requests.length = 0
    authProxy.requests.length = 0
    authProxy.rejected.length = 0
  })

  const ecrThrough = (p: ProxyServer) =>
    p.requests.filter((r) => r.method === 'POST' && r.target === `${ecr.server.url}/`)

  it('sends the ECR call through HTTP_PROXY (plain http endpoint)', async () => {
    const result = await run(
      { repository: 'team/api', 'image-ids': 'v1.13.6' },
      { env: { HTTP_PROXY: proxy.url } }
    )
    expectSuccess(result)
    expect(ecrThrough(proxy)).toHaveLength(1)
    expect(ecr.batchGetImageCalls()).toHaveLength(1)
    expect(result.outputs.digest).toBe(API_DIGEST)
  })

  it('sends the ECR call through the http-proxy input', async () => {
    const result = await run({
      repository: 'team/api',
      'image-ids': 'v1.13.6',
      'http-proxy': proxy.url
    })
    expectSuccess(result)
    expect(ecrThrough(proxy)).toHaveLength(1)
    expect(result.outputs.digest).toBe(API_DIGEST)
  })

  it('goes direct when NO_PROXY names the endpoint, or only HTTPS_PROXY is set', async () => {
    for (const env of [
      { HTTP_PROXY: proxy.url, NO_PROXY: '127.0.0.1' },
      { HTTPS_PROXY: proxy.url }
    ]) {
      const result = await run({ repository: 'team/api', 'image-ids': 'v1.13.6' }, { env })
      expectSuccess(result)
      expect(result.outputs.digest).toBe(API_DIGEST)
    }
    expect(proxy.requests).toEqual([])
    expect(ecr.batchGetImageCalls()).toHaveLength(2)
  })

  it('authenticates to the proxy (ECR and GitHub calls) without printing the credentials', async () => {
    const proxyUrl = `http://${USER}:${SECRET}@127.0.0.1:${authProxy.port}`
    const result = await run(
      {
        repository: 'team/api',
        'image-ids': 'v1.13.6',
        'http-proxy': proxyUrl,
        comment: 'true',
        'github-token': 'ghs_proxyToken'
      },
      {
        env: { GITHUB_API_URL: github.url, GITHUB_WORKFLOW: 'CI', GITHUB_JOB: 'proxy' },
        event: pullRequestEvent(21, 'opened')
      }
    )
    expectSuccess(result)
    expect(authProxy.rejected).toEqual([])
    expect(ecrThrough(authProxy)).toHaveLength(1)
    expect(
      authProxy.requests.some((r) => r.target.startsWith(`${github.url}/repos/octo-org/`))
    ).toBe(true)
    expect(github.comments.filter((c) => c.issueNumber === 21)).toHaveLength(1)
    const printed = result.stdout + result.stderr
    expect(printed).not.toContain(SECRET)
    expect(printed).not.toContain(Buffer.from(`${USER}:${SECRET}`).toString('base64'))
  })

  it('does not print the credentials when the proxy refuses them', async () => {
    const wrong = `${SECRET}-wrong`
    const result = await run({
      repository: 'team/api',
      'image-ids': 'v1.13.6',
      'http-proxy': `http://${USER}:${wrong}@127.0.0.1:${authProxy.port}`
    })
    expect(result.code).toBe(1)
    expect(authProxy.rejected.length).toBeGreaterThan(0)
    expect(ecr.batchGetImageCalls()).toHaveLength(0)
    const printed = result.stdout + result.stderr
    expect(printed).not.toContain(wrong)
    expect(printed).not.toContain(SECRET)
    expect(result.annotations.filter((a) => a.level === 'error').length).toBeGreaterThan(0)
  })
})
