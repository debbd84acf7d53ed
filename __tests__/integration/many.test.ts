// Issue 4, in process: run() against the local ECR server. Many images across repositories
// through `images` (batched at 100 ids a call, outputs keyed by the reference as written), short
// references, waiting for an image still being pushed (and timing out) on the fake clock, dry
// runs, the `request` input, and proxies. A wait cancelled by SIGINT: e2e/process.test.ts.
import { beforeAll, describe, expect, it } from '@jest/globals'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { expectCancelledWait, expectSuccess } from '../helpers/action-run.js'
import { awsCliJson, startAwsCli } from '../helpers/aws-cli.js'
import { PROXY_PASSWORD, PROXY_USER, useServers } from '../helpers/servers.js'
import { pullRequestEvent } from '../helpers/events.js'
import {
  DEFAULT_MEDIA_TYPES,
  ociImageManifest,
  pinnedUri,
  registryHost
} from '../helpers/images.js'
import { runInProcess, type InProcessOptions } from '../helpers/in-process.js'
import { SEEDED, SEED_REGISTRY_ID } from '../../server/fixtures.js'
import type { ProxyServer } from '../../server/proxy-server.js'
import { FakeClock } from '../helpers/fake-clock.js'

// The CLI's session starts with the file's servers, not inside the first test that asks it.
beforeAll(startAwsCli)

const HOST = registryHost()
const API_DIGEST = SEEDED.api.image.digest

const servers = useServers({ tempDir: 'many-' })

function run(inputs: Record<string, string>, options: Partial<InProcessOptions> = {}) {
  return runInProcess({
    endpoint: servers.ecr.url,
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
    servers.ecr.createRepository('many/api', SEED_REGISTRY_ID)
    servers.ecr.createRepository('many/worker', SEED_REGISTRY_ID)
    const expected = new Map<string, string>()
    const references: string[] = []
    // Interleaved, so input order is not the order the calls are grouped in.
    for (let i = 0; i < 125; i++) {
      for (const repositoryName of ['many/api', 'many/worker']) {
        const tag = i === 0 ? 'v1' : `v1.${i}.0`
        const digest = servers.ecr.putImage({
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

    const calls = servers.batchGetImageCalls()
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
    const calls = servers.batchGetImageCalls()
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
    expect(servers.ecr.calls).toHaveLength(0)
  })
})

describe('waiting for images', () => {
  const sum = (values: number[]) => values.reduce((total, value) => total + value, 0)

  /** Each poll waits interval × 1.5^n, ±20% jitter (src/ecr/wait.ts). */
  function expectBackoff(sleeps: number[], intervalMs: number): void {
    sleeps.forEach((ms, n) => {
      expect(ms).toBeGreaterThanOrEqual(Math.floor(0.8 * intervalMs * 1.5 ** n))
      expect(ms).toBeLessThanOrEqual(Math.ceil(1.2 * intervalMs * 1.5 ** n))
    })
  }

  it('waits for an image pushed 2 s after the start, asking only for the missing ids', async () => {
    servers.ecr.createRepository('wait/pushed', SEED_REGISTRY_ID)
    servers.ecr.putImage({
      repositoryName: 'wait/pushed',
      registryId: SEED_REGISTRY_ID,
      manifest: ociManifest('base'),
      tag: 'base'
    })
    const clock = new FakeClock()
    let pushedDigest = ''
    clock.at(2000, () => {
      pushedDigest = servers.ecr.putImage({
        repositoryName: 'wait/pushed',
        registryId: SEED_REGISTRY_ID,
        manifest: ociManifest('late'),
        tag: 'v9'
      })
    })
    const result = await run(
      {
        repository: 'wait/pushed',
        'image-ids': 'base v9',
        'wait-timeout': '30s',
        'wait-interval': '500ms'
      },
      { clock }
    )
    expectSuccess(result)
    // Polled until the first poll after the push: the last wait crossed 2 s, none before it did.
    const { sleeps } = clock
    expect(sum(sleeps)).toBeGreaterThanOrEqual(2000)
    expect(sum(sleeps.slice(0, -1))).toBeLessThan(2000)
    expectBackoff(sleeps, 500)

    expect(result.stdout).toMatch(/^1\/2 found, waiting \d+\.\ds for wait\/pushed v9 …$/m)
    expect(result.outputs['waited-seconds']).toBe((sum(sleeps) / 1000).toFixed(1))
    expect(result.outputs['all-found']).toBe('true')
    expect(json(result.outputs.digests)).toMatchObject({ v9: pushedDigest })

    const calls = servers.batchGetImageCalls()
    expect(calls[0]!.body.imageIds).toEqual([{ imageTag: 'base' }, { imageTag: 'v9' }])
    expect(calls).toHaveLength(1 + sleeps.length)
    for (const poll of calls.slice(1)) expect(poll.body.imageIds).toEqual([{ imageTag: 'v9' }])
    expect(result.summary).toContain(`\n- Waited ${(sum(sleeps) / 1000).toFixed(1)}s for images.\n`)
  })

  it('times out after wait-timeout, then if-missing applies', async () => {
    servers.ecr.createRepository('wait/never', SEED_REGISTRY_ID)
    const clock = new FakeClock()
    const result = await run(
      {
        repository: 'wait/never',
        'image-ids': 'v404',
        'wait-timeout': '2s',
        'wait-interval': '500ms',
        'if-missing': 'warn'
      },
      { clock }
    )
    expect(result.code).toBe(0)
    // The last wait is cut to what is left of the 2 s.
    expect(sum(clock.sleeps)).toBe(2000)
    expectBackoff(clock.sleeps.slice(0, -1), 500)
    expect(result.outputs['waited-seconds']).toBe('2.0')
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
    for (const call of servers.batchGetImageCalls())
      expect(call.body.imageIds).toEqual([{ imageTag: 'v404' }])
    expect(servers.batchGetImageCalls()).toHaveLength(1 + clock.sleeps.length)
  })

  it('stops when the job is cancelled during a wait, writing the outputs found so far', async () => {
    servers.ecr.createRepository('wait/cancelled', SEED_REGISTRY_ID)
    const clock = new FakeClock()
    const cancel = new AbortController()
    // Cancelled 5 s into a wait whose first poll comes at 10 s (±20%).
    clock.at(5000, () => cancel.abort())
    const result = await runInProcess({
      inputs: {
        repository: 'wait/cancelled',
        'image-ids': 'v1',
        'wait-timeout': '60s',
        'wait-interval': '10s',
        'max-attempts': '1'
      },
      endpoint: servers.ecr.url,
      clock,
      signal: cancel.signal
    })
    expectCancelledWait(result, 'wait/cancelled', 'v1')
    expect(servers.batchGetImageCalls()).toHaveLength(1)
    // Cancelled at 5 s on the clock, into the first wait.
    expect(result.outputs['waited-seconds']).toBe('5.0')
    expect(result.summary).toContain('\n- Cancelled after waiting 5.0s.\n')
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
    expect(servers.ecr.calls).toHaveLength(0)
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
    const [skeleton, replayed] = await Promise.all([
      awsCliJson<Record<string, unknown>>(servers.ecr.url, [
        'ecr',
        'batch-get-image',
        '--generate-cli-skeleton',
        'input'
      ]),
      awsCliJson<{ images: { imageId: { imageDigest: string } }[] }>(servers.ecr.url, [
        'ecr',
        'batch-get-image',
        '--cli-input-json',
        JSON.stringify(requests[0])
      ])
    ])
    expect(Object.keys(skeleton).sort()).toEqual(Object.keys(requests[0]!).sort())
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
    expect(servers.batchGetImageCalls().map((c) => c.body)).toEqual([
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
    const path = join(servers.dir, 'ecr-request.yaml')
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
      { env: { GITHUB_WORKSPACE: servers.dir } }
    )
    expectSuccess(result)
    expect(servers.batchGetImageCalls().map((c) => c.body)).toEqual([
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
  const USER = PROXY_USER
  const SECRET = PROXY_PASSWORD

  const ecrThrough = (p: ProxyServer) =>
    p.requests.filter((r) => r.method === 'POST' && r.target === `${servers.ecr.url}/`)

  it('sends the ECR call through HTTP_PROXY (plain http endpoint)', async () => {
    const result = await run(
      { repository: 'team/api', 'image-ids': 'v1.13.6' },
      { env: { HTTP_PROXY: servers.proxy.url } }
    )
    expectSuccess(result)
    expect(ecrThrough(servers.proxy)).toHaveLength(1)
    expect(servers.batchGetImageCalls()).toHaveLength(1)
    expect(result.outputs.digest).toBe(API_DIGEST)
  })

  it('sends the ECR call through the http-proxy input', async () => {
    const result = await run({
      repository: 'team/api',
      'image-ids': 'v1.13.6',
      'http-proxy': servers.proxy.url
    })
    expectSuccess(result)
    expect(ecrThrough(servers.proxy)).toHaveLength(1)
    expect(result.outputs.digest).toBe(API_DIGEST)
  })

  it('goes direct when NO_PROXY names the endpoint, or only HTTPS_PROXY is set', async () => {
    for (const env of [
      { HTTP_PROXY: servers.proxy.url, NO_PROXY: '127.0.0.1' },
      { HTTPS_PROXY: servers.proxy.url }
    ]) {
      const result = await run({ repository: 'team/api', 'image-ids': 'v1.13.6' }, { env })
      expectSuccess(result)
      expect(result.outputs.digest).toBe(API_DIGEST)
    }
    expect(servers.proxy.requests).toEqual([])
    expect(servers.batchGetImageCalls()).toHaveLength(2)
  })

  it('authenticates to the proxy (ECR and GitHub calls) without printing the credentials', async () => {
    const proxyUrl = `http://${USER}:${SECRET}@127.0.0.1:${servers.authProxy.port}`
    const result = await run(
      {
        repository: 'team/api',
        'image-ids': 'v1.13.6',
        'http-proxy': proxyUrl,
        comment: 'true',
        'github-token': 'ghs_proxyToken'
      },
      {
        env: { GITHUB_API_URL: servers.github.url, GITHUB_WORKFLOW: 'CI', GITHUB_JOB: 'proxy' },
        event: pullRequestEvent(21, 'opened')
      }
    )
    expectSuccess(result)
    expect(servers.authProxy.rejected).toEqual([])
    expect(ecrThrough(servers.authProxy)).toHaveLength(1)
    const comments = `${servers.github.url}/repos/octo-org/octo-repo/issues/21/comments`
    expect(servers.authProxy.requests).toEqual([
      { method: 'POST', target: `${servers.ecr.url}/` },
      { method: 'GET', target: `${comments}?per_page=100` },
      { method: 'POST', target: comments }
    ])
    expect(servers.github.comments.filter((c) => c.issueNumber === 21)).toHaveLength(1)
    const printed = result.stdout + result.stderr
    expect(printed).not.toContain(SECRET)
    expect(printed).not.toContain(Buffer.from(`${USER}:${SECRET}`).toString('base64'))
  })

  it('does not print the credentials when the proxy refuses them', async () => {
    const wrong = `${SECRET}-wrong`
    const result = await run({
      repository: 'team/api',
      'image-ids': 'v1.13.6',
      'http-proxy': `http://${USER}:${wrong}@127.0.0.1:${servers.authProxy.port}`
    })
    expect(result.code).toBe(1)
    expect(servers.authProxy.rejected).toEqual([
      { method: 'POST', target: `${servers.ecr.url}/`, status: 407 }
    ])
    expect(servers.batchGetImageCalls()).toHaveLength(0)
    const printed = result.stdout + result.stderr
    expect(printed).not.toContain(wrong)
    expect(printed).not.toContain(SECRET)
    // The proxy's 407 reaches the SDK as an answer it cannot read.
    expect(result.annotations).toEqual([
      {
        level: 'error',
        title: 'team/api v1.13.6',
        properties: { title: 'team/api v1.13.6' },
        message:
          "BatchGetImage failed for repository 'team/api' in the caller's own registry (no " +
          'registry-id given), region us-east-1 after 1 attempt (Unknown: UnknownError).'
      },
      {
        level: 'error',
        properties: {},
        message: '1 of 1 image id(s): 1 failed. See the annotations above.'
      }
    ])
  })
})
