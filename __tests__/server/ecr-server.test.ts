// The local ECR server against the real AWS SDK client: every BatchGetImage rule, PutImage and
// CreateRepository, the conversion ECR does by tag, the recorded calls, and each injected fault.
// The SDK retries with no backoff: each retry is a real call, never a real wait.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import {
  BatchGetImageCommand,
  type BatchGetImageCommandInput,
  CreateRepositoryCommand,
  ECRClient,
  PutImageCommand
} from '@aws-sdk/client-ecr'
import { NodeHttpHandler } from '@smithy/node-http-handler'
import { createHash } from 'node:crypto'
import { startEcrServer, type EcrServer } from '../../server/ecr-server.js'
import { FIXTURES, SEEDED } from '../../server/fixtures.js'
import { CONFIG_FIXTURES, SEEDED_APP } from '../../server/config-fixtures.js'
import { MEDIA_TYPES } from '../../server/media-types.js'
import { noBackoff } from '../helpers/no-backoff.js'

const CREDENTIALS = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' }

let server: EcrServer

interface ClientOptions {
  maxAttempts?: number
  region?: string
  requestTimeout?: number
  /** Default: the shared server's URL. */
  endpoint?: string
}

function client(options: ClientOptions = {}) {
  return new ECRClient({
    endpoint: options.endpoint ?? server.url,
    region: options.region ?? 'us-east-1',
    credentials: CREDENTIALS,
    maxAttempts: options.maxAttempts ?? 1,
    retryStrategy: noBackoff(options.maxAttempts ?? 1),
    ...(options.requestTimeout
      ? {
          requestHandler: new NodeHttpHandler({
            requestTimeout: options.requestTimeout,
            // Without it this handler only logs a warning when the timeout passes.
            throwOnRequestTimeout: true
          })
        }
      : {})
  })
}

function batchGet(input: BatchGetImageCommandInput, options?: ClientOptions) {
  return client(options).send(new BatchGetImageCommand(input))
}

function sha256(text: string): string {
  return 'sha256:' + createHash('sha256').update(text, 'utf8').digest('hex')
}

/** A single-image manifest of `mediaType` whose layers are of `layerMediaType`. */
function manifestOf(
  mediaType: string,
  configMediaType: string,
  layerMediaType: string,
  label: string
) {
  return JSON.stringify({
    schemaVersion: 2,
    mediaType,
    config: { mediaType: configMediaType, size: 100, digest: sha256(`${label} config`) },
    layers: [{ mediaType: layerMediaType, size: 2000, digest: sha256(`${label} layer`) }]
  })
}

const api = SEEDED.api
const apiDigest = api.image.digest

beforeAll(async () => {
  server = await startEcrServer()
})

afterAll(async () => {
  await server.close()
})

beforeEach(() => {
  server.faults.clear()
  server.clearCalls()
})

describe('BatchGetImage: found images', () => {
  it('returns a seeded image by tag with the tag and the stored digest, manifest byte for byte', async () => {
    const result = await batchGet({
      repositoryName: api.repositoryName,
      imageIds: [{ imageTag: 'v1.13.6' }]
    })
    expect(result.failures).toEqual([])
    expect(result.images).toEqual([
      {
        registryId: '123456789012',
        repositoryName: 'team/api',
        imageId: { imageTag: 'v1.13.6', imageDigest: apiDigest },
        imageManifest: FIXTURES.dockerImage.manifest,
        imageManifestMediaType: MEDIA_TYPES.dockerManifest
      }
    ])
    expect(sha256(result.images?.[0]?.imageManifest ?? '')).toBe(apiDigest)
  })

  it('echoes only the digest when asked by digest, and both when asked by both', async () => {
    const result = await batchGet({
      repositoryName: api.repositoryName,
      imageIds: [{ imageDigest: apiDigest }, { imageTag: 'latest', imageDigest: apiDigest }]
    })
    expect(result.images?.map((image) => image.imageId)).toEqual([
      { imageDigest: apiDigest },
      { imageTag: 'latest', imageDigest: apiDigest }
    ])
  })

  it('keeps the order of the requested ids', async () => {
    const result = await batchGet({
      repositoryName: api.repositoryName,
      imageIds: [
        { imageTag: 'latest' },
        { imageTag: 'gone' },
        { imageDigest: apiDigest },
        { imageTag: 'v1.13.6' },
        { imageTag: 'also-gone' }
      ]
    })
    expect(result.images?.map((image) => image.imageId?.imageTag ?? 'by digest')).toEqual([
      'latest',
      'by digest',
      'v1.13.6'
    ])
    expect(result.failures?.map((failure) => failure.imageId?.imageTag)).toEqual([
      'gone',
      'also-gone'
    ])
  })

  it('serves the seeded manifest list, index and their children as stored', async () => {
    const multi = SEEDED.multi
    const oci = SEEDED.ociMulti
    const lists = await batchGet({
      repositoryName: multi.repositoryName,
      imageIds: [{ imageTag: 'v2' }, ...multi.children.map((c) => ({ imageDigest: c.digest }))]
    })
    expect(lists.images?.map((image) => image.imageManifestMediaType)).toEqual([
      MEDIA_TYPES.dockerManifestList,
      MEDIA_TYPES.dockerManifest,
      MEDIA_TYPES.dockerManifest
    ])
    const index = await batchGet({
      repositoryName: oci.repositoryName,
      imageIds: [{ imageTag: 'v3' }]
    })
    expect(index.images?.[0]).toMatchObject({
      imageId: { imageTag: 'v3', imageDigest: oci.image.digest },
      imageManifest: FIXTURES.ociIndex.manifest,
      imageManifestMediaType: MEDIA_TYPES.ociIndex
    })
  })

  it('finds images of another registry id when it is named', async () => {
    server.createRepository('team/api', '210987654321')
    const digest = server.putImage({
      repositoryName: 'team/api',
      registryId: '210987654321',
      manifest: FIXTURES.ociImage.manifest,
      tag: 'shared'
    })
    const result = await batchGet({
      registryId: '210987654321',
      repositoryName: 'team/api',
      imageIds: [{ imageTag: 'shared' }]
    })
    expect(result.images?.[0]).toMatchObject({
      registryId: '210987654321',
      imageId: { imageDigest: digest }
    })
    const own = await batchGet({ repositoryName: 'team/api', imageIds: [{ imageTag: 'shared' }] })
    expect(own.failures?.[0]?.failureCode).toBe('ImageNotFound')
  })
})

describe('BatchGetImage: per-id failures', () => {
  it('reports each malformed or absent id as a failure entry echoing the requested id', async () => {
    const longTag = 'x'.repeat(301)
    const result = await batchGet({
      repositoryName: api.repositoryName,
      imageIds: [
        {},
        { imageDigest: 'sha256:not-hex' },
        { imageDigest: 'sha256:abc123' },
        { imageTag: longTag },
        { imageTag: 'bad tag' },
        { imageTag: 'v9.9.9' },
        { imageDigest: sha256('nothing pushed') }
      ]
    })
    expect(result.images).toEqual([])
    expect(result.failures?.map((f) => [f.imageId, f.failureCode])).toEqual([
      [{}, 'MissingDigestAndTag'],
      [{ imageDigest: 'sha256:not-hex' }, 'InvalidImageDigest'],
      [{ imageDigest: 'sha256:abc123' }, 'InvalidImageDigest'],
      [{ imageTag: longTag }, 'InvalidImageTag'],
      [{ imageTag: 'bad tag' }, 'InvalidImageTag'],
      [{ imageTag: 'v9.9.9' }, 'ImageNotFound'],
      [{ imageDigest: sha256('nothing pushed') }, 'ImageNotFound']
    ])
    expect(result.failures?.[5]?.failureReason).toBe('Requested image not found')
  })

  it('accepts a 300-character tag as well-formed', async () => {
    const result = await batchGet({
      repositoryName: api.repositoryName,
      imageIds: [{ imageTag: 'x'.repeat(300) }]
    })
    expect(result.failures?.[0]?.failureCode).toBe('ImageNotFound')
  })

  it('reports ImageTagDoesNotMatchDigest when the tag now points at another image', async () => {
    server.createRepository('test/moved-tag')
    const first = server.putImage({
      repositoryName: 'test/moved-tag',
      manifest: FIXTURES.dockerImage.manifest,
      tag: 'v1'
    })
    const second = server.putImage({
      repositoryName: 'test/moved-tag',
      manifest: FIXTURES.ociImage.manifest,
      tag: 'v1'
    })
    const result = await batchGet({
      repositoryName: 'test/moved-tag',
      imageIds: [
        { imageTag: 'v1', imageDigest: first },
        { imageTag: 'v1', imageDigest: second }
      ]
    })
    expect(result.failures).toEqual([
      expect.objectContaining({
        imageId: { imageTag: 'v1', imageDigest: first },
        failureCode: 'ImageTagDoesNotMatchDigest'
      })
    ])
    expect(result.images?.map((image) => image.imageId)).toEqual([
      { imageTag: 'v1', imageDigest: second }
    ])
  })
})

describe('BatchGetImage: accepted media types and conversion', () => {
  it('returns what is stored when acceptedMediaTypes is not sent', async () => {
    const result = await batchGet({
      repositoryName: SEEDED.web.repositoryName,
      imageIds: [{ imageTag: 'v1' }]
    })
    expect(result.images?.[0]?.imageManifestMediaType).toBe(MEDIA_TYPES.ociManifest)
  })

  it('converts Docker v2 to OCI by tag, keeping the stored digest and every size and digest', async () => {
    const result = await batchGet({
      repositoryName: api.repositoryName,
      imageIds: [{ imageTag: 'v1.13.6' }],
      acceptedMediaTypes: [MEDIA_TYPES.ociManifest]
    })
    const image = result.images?.[0]
    expect(image?.imageManifestMediaType).toBe(MEDIA_TYPES.ociManifest)
    expect(image?.imageId).toEqual({ imageTag: 'v1.13.6', imageDigest: apiDigest })
    const stored = JSON.parse(FIXTURES.dockerImage.manifest)
    const converted = JSON.parse(image?.imageManifest ?? '{}')
    expect(converted.mediaType).toBe(MEDIA_TYPES.ociManifest)
    expect(converted.config).toEqual({ ...stored.config, mediaType: MEDIA_TYPES.ociConfig })
    expect(converted.layers).toEqual(
      stored.layers.map((layer: object) => ({ ...layer, mediaType: MEDIA_TYPES.ociLayer }))
    )
    expect(image?.imageManifest?.startsWith('{\n   "schemaVersion": 2,\n   "mediaType"')).toBe(true)
  })

  it('converts OCI to Docker v2 by tag', async () => {
    const result = await batchGet({
      repositoryName: SEEDED.web.repositoryName,
      imageIds: [{ imageTag: 'v1' }],
      acceptedMediaTypes: [MEDIA_TYPES.dockerManifest, MEDIA_TYPES.dockerManifestList]
    })
    const converted = JSON.parse(result.images?.[0]?.imageManifest ?? '{}')
    expect(result.images?.[0]?.imageManifestMediaType).toBe(MEDIA_TYPES.dockerManifest)
    expect(converted.mediaType).toBe(MEDIA_TYPES.dockerManifest)
    expect(converted.config.mediaType).toBe(MEDIA_TYPES.dockerConfig)
    expect(converted.layers.map((layer: { mediaType: string }) => layer.mediaType)).toEqual([
      MEDIA_TYPES.dockerLayer,
      MEDIA_TYPES.dockerLayer,
      MEDIA_TYPES.dockerLayer
    ])
  })

  it('converts nothing by digest, and never a list or index: those are not found', async () => {
    const byDigest = await batchGet({
      repositoryName: api.repositoryName,
      imageIds: [{ imageDigest: apiDigest }, { imageTag: 'latest', imageDigest: apiDigest }],
      acceptedMediaTypes: [MEDIA_TYPES.ociManifest]
    })
    const list = await batchGet({
      repositoryName: SEEDED.multi.repositoryName,
      imageIds: [{ imageTag: 'v2' }],
      acceptedMediaTypes: [MEDIA_TYPES.dockerManifest, MEDIA_TYPES.ociManifest]
    })
    for (const result of [byDigest, list]) {
      expect(result.images).toEqual([])
      expect(result.failures?.map((f) => f.failureCode)).toEqual(
        result === list ? ['ImageNotFound'] : ['ImageNotFound', 'ImageNotFound']
      )
    }
  })

  it('does not convert an OCI manifest whose layers have no Docker type (zstd)', async () => {
    server.createRepository('test/zstd')
    server.putImage({
      repositoryName: 'test/zstd',
      manifest: manifestOf(
        MEDIA_TYPES.ociManifest,
        MEDIA_TYPES.ociConfig,
        'application/vnd.oci.image.layer.v1.tar+zstd',
        'zstd'
      ),
      tag: 'v1'
    })
    const result = await batchGet({
      repositoryName: 'test/zstd',
      imageIds: [{ imageTag: 'v1' }],
      acceptedMediaTypes: [MEDIA_TYPES.dockerManifest]
    })
    expect(result.failures?.map((f) => f.failureCode)).toEqual(['ImageNotFound'])
  })
})

describe('BatchGetImage: whole-call errors', () => {
  const cases: [string, Partial<BatchGetImageCommandInput>, RegExp][] = [
    [
      'a repository name against the pattern',
      { repositoryName: 'Team/API' },
      /'repositoryName'.*regular expression/
    ],
    [
      'a 1-character repository name',
      { repositoryName: 'a' },
      /'repositoryName'.*greater than or equal to 2/
    ],
    [
      'a 257-character repository name',
      { repositoryName: 'a'.repeat(257) },
      /'repositoryName'.*less than or equal to 256/
    ],
    ['a registry id that is not 12 digits', { registryId: '12345' }, /'registryId'.*\[0-9\]\{12\}/],
    ['no image ids', { imageIds: [] }, /'imageIds'.*greater than or equal to 1/],
    [
      '101 image ids',
      { imageIds: Array.from({ length: 101 }, (_, i) => ({ imageTag: `t${i}` })) },
      /'imageIds'.*less than or equal to 100/
    ],
    [
      'no accepted media types',
      { acceptedMediaTypes: [] },
      /'acceptedMediaTypes'.*greater than or equal to 1/
    ],
    [
      '101 accepted media types',
      { acceptedMediaTypes: Array.from({ length: 101 }, () => MEDIA_TYPES.ociManifest) },
      /'acceptedMediaTypes'.*less than or equal to 100/
    ]
  ]
  it.each(cases)('rejects %s with InvalidParameterException', async (_, override, message) => {
    const input = {
      repositoryName: api.repositoryName,
      imageIds: [{ imageTag: 'latest' }],
      ...override
    }
    await expect(batchGet(input)).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: expect.stringMatching(message)
    })
  })

  it('accepts exactly 100 image ids', async () => {
    const imageIds = Array.from({ length: 100 }, (_, i) => ({ imageTag: `t${i}` }))
    const result = await batchGet({ repositoryName: api.repositoryName, imageIds })
    expect(result.failures).toHaveLength(100)
  })

  it('rejects an unknown repository with ECR’s message, naming the registry id', async () => {
    await expect(
      batchGet({ repositoryName: 'team/nope', imageIds: [{ imageTag: 'v1' }] })
    ).rejects.toMatchObject({
      name: 'RepositoryNotFoundException',
      message:
        "The repository with name 'team/nope' does not exist in the registry with id '123456789012'",
      $metadata: { httpStatusCode: 400 }
    })
    await expect(
      batchGet({
        registryId: '999999999999',
        repositoryName: 'team/api',
        imageIds: [{ imageTag: 'v1' }]
      })
    ).rejects.toThrow("in the registry with id '999999999999'")
  })
})

describe('PutImage and CreateRepository over the wire', () => {
  it('creates a repository named for the caller’s region, once', async () => {
    const ecr = client({ region: 'eu-west-1' })
    const created = await ecr.send(new CreateRepositoryCommand({ repositoryName: 'test/created' }))
    expect(created.repository).toMatchObject({
      registryId: '123456789012',
      repositoryName: 'test/created',
      repositoryArn: 'arn:aws:ecr:eu-west-1:123456789012:repository/test/created',
      repositoryUri: '123456789012.dkr.ecr.eu-west-1.amazonaws.com/test/created'
    })
    expect(created.repository?.createdAt).toBeInstanceOf(Date)
    await expect(
      ecr.send(new CreateRepositoryCommand({ repositoryName: 'test/created' }))
    ).rejects.toMatchObject({
      name: 'RepositoryAlreadyExistsException'
    })
  })

  it('stores a manifest under the sha256 of its bytes and moves a tag to the newest image', async () => {
    const ecr = client()
    await ecr.send(new CreateRepositoryCommand({ repositoryName: 'test/pushed' }))
    const first = manifestOf(
      MEDIA_TYPES.dockerManifest,
      MEDIA_TYPES.dockerConfig,
      MEDIA_TYPES.dockerLayer,
      'first é'
    )
    const second = manifestOf(
      MEDIA_TYPES.ociManifest,
      MEDIA_TYPES.ociConfig,
      MEDIA_TYPES.ociLayer,
      'second'
    )
    const put = await ecr.send(
      new PutImageCommand({ repositoryName: 'test/pushed', imageManifest: first, imageTag: 'main' })
    )
    expect(put.image).toMatchObject({
      imageId: { imageTag: 'main', imageDigest: sha256(first) },
      imageManifestMediaType: MEDIA_TYPES.dockerManifest
    })
    await ecr.send(
      new PutImageCommand({
        repositoryName: 'test/pushed',
        imageManifest: second,
        imageTag: 'main'
      })
    )
    const result = await batchGet({
      repositoryName: 'test/pushed',
      imageIds: [{ imageTag: 'main' }, { imageDigest: sha256(first) }]
    })
    expect(result.images?.map((image) => image.imageId?.imageDigest)).toEqual([
      sha256(second),
      sha256(first)
    ])
    expect(result.images?.[0]?.imageManifestMediaType).toBe(MEDIA_TYPES.ociManifest)
  })

  it('rejects a digest that is not the manifest’s, a second identical push, and a manifest that is not JSON', async () => {
    const ecr = client()
    await ecr.send(new CreateRepositoryCommand({ repositoryName: 'test/rejected' }))
    const manifest = FIXTURES.ociImage.manifest
    await expect(
      ecr.send(
        new PutImageCommand({
          repositoryName: 'test/rejected',
          imageManifest: manifest,
          imageDigest: sha256('other')
        })
      )
    ).rejects.toMatchObject({ name: 'ImageDigestDoesNotMatchException' })
    await ecr.send(
      new PutImageCommand({
        repositoryName: 'test/rejected',
        imageManifest: manifest,
        imageTag: 'v1',
        imageDigest: FIXTURES.ociImage.digest
      })
    )
    await expect(
      ecr.send(
        new PutImageCommand({
          repositoryName: 'test/rejected',
          imageManifest: manifest,
          imageTag: 'v1'
        })
      )
    ).rejects.toMatchObject({ name: 'ImageAlreadyExistsException' })
    await expect(
      ecr.send(new PutImageCommand({ repositoryName: 'test/rejected', imageManifest: 'not json' }))
    ).rejects.toMatchObject({ name: 'InvalidParameterException' })
  })

  it('takes the media type from the argument when the manifest does not carry one', async () => {
    server.createRepository('test/typed')
    const bare = JSON.stringify({ schemaVersion: 2, config: {}, layers: [] })
    const digest = server.putImage({
      repositoryName: 'test/typed',
      manifest: bare,
      mediaType: MEDIA_TYPES.dockerManifest,
      tag: 'a'
    })
    const result = await batchGet({
      repositoryName: 'test/typed',
      imageIds: [{ imageDigest: digest }]
    })
    expect(result.images?.[0]?.imageManifestMediaType).toBe(MEDIA_TYPES.dockerManifest)
  })
})

describe('recorded calls', () => {
  it('records operation, region, body and time of every call, faulted ones too, and clears them', async () => {
    server.faults.throttle(1)
    const before = Date.now()
    await batchGet(
      { repositoryName: api.repositoryName, imageIds: [{ imageTag: 'latest' }] },
      { maxAttempts: 2, region: 'ap-south-1' }
    )
    expect(server.calls).toHaveLength(2)
    expect(server.calls[1]).toEqual({
      operation: 'BatchGetImage',
      region: 'ap-south-1',
      body: { repositoryName: 'team/api', imageIds: [{ imageTag: 'latest' }] },
      at: expect.any(Number)
    })
    expect(server.calls[1]?.at).toBeGreaterThanOrEqual(before)
    expect(server.calls[1]?.at).toBeLessThanOrEqual(Date.now())
    server.clearCalls()
    expect(server.calls).toEqual([])
  })
})

describe('faults', () => {
  const request = { repositoryName: api.repositoryName, imageIds: [{ imageTag: 'latest' }] }

  it('throttled twice, then answered: the SDK retries to success', async () => {
    server.faults.throttle(2)
    const result = await batchGet(request, { maxAttempts: 3 })
    expect(result.images).toHaveLength(1)
    expect(result.$metadata.attempts).toBe(3)
    expect(server.calls).toHaveLength(3)
  })

  it('throttled beyond maxAttempts: ThrottlingException with HTTP 400', async () => {
    server.faults.throttle(5)
    await expect(batchGet(request, { maxAttempts: 2 })).rejects.toMatchObject({
      name: 'ThrottlingException',
      $metadata: { httpStatusCode: 400, attempts: 2 }
    })
    expect(server.calls).toHaveLength(2)
  })

  it('answers with ServerException 500, or a 503 the SDK retries', async () => {
    server.faults.serverError(1)
    await expect(batchGet(request)).rejects.toMatchObject({
      name: 'ServerException',
      $metadata: { httpStatusCode: 500 }
    })
    server.faults.serverError(1, 503)
    const retried = await batchGet(request, { maxAttempts: 2 })
    expect(retried.$metadata.attempts).toBe(2)
  })

  it('resets the connection mid-response; the SDK retries it', async () => {
    server.faults.reset(1)
    // Headers arrived, then the body broke off: the SDK reports the aborted response.
    await expect(batchGet(request)).rejects.toThrow(/aborted/)
    server.faults.reset(1)
    const retried = await batchGet(request, { maxAttempts: 2 })
    expect(retried.images).toHaveLength(1)
    expect(server.calls).toHaveLength(3)
  })

  it('hangs longer than the client timeout; the SDK times out and retries', async () => {
    server.faults.hang(1, 20_000)
    await expect(batchGet(request, { requestTimeout: 150 })).rejects.toMatchObject({
      name: 'TimeoutError'
    })
    server.faults.hang(1, 20_000)
    const retried = await batchGet(request, { requestTimeout: 150, maxAttempts: 2 })
    expect(retried.images).toHaveLength(1)
  })

  it('fails every call of a repository for good, others answer; a tag narrows it to one chunk', async () => {
    server.faults.failRepository({
      repositoryName: 'team/web',
      code: 'AccessDeniedException',
      message: 'not authorized'
    })
    await expect(
      batchGet({ repositoryName: 'team/web', imageIds: [{ imageTag: 'v1' }] }, { maxAttempts: 3 })
    ).rejects.toMatchObject({
      name: 'AccessDeniedException',
      message: 'not authorized'
    })
    await expect(batchGet(request)).resolves.toMatchObject({ images: [expect.anything()] })
    server.faults.clear().failRepository({ repositoryName: 'team/api', imageTag: 'v1.13.6' })
    await expect(batchGet(request)).resolves.toMatchObject({ images: [expect.anything()] })
    await expect(
      batchGet({ repositoryName: 'team/api', imageIds: [{ imageTag: 'v1.13.6' }] })
    ).rejects.toMatchObject({
      name: 'ServerException',
      $metadata: { httpStatusCode: 500 }
    })
  })

  it('applies faults to BatchGetImage only, counted per call', async () => {
    server.faults.throttle(1)
    await client().send(new CreateRepositoryCommand({ repositoryName: 'test/unfaulted' }))
    await expect(batchGet(request)).rejects.toMatchObject({ name: 'ThrottlingException' })
    await expect(batchGet(request)).resolves.toMatchObject({ images: [expect.anything()] })
  })

  it('adds latency to every call of every operation, through the injected sleep', async () => {
    const slept: number[] = []
    const observed = await startEcrServer({
      sleep: async (ms) => {
        slept.push(ms)
      }
    })
    try {
      observed.faults.setLatency(250)
      const ecr = client({ endpoint: observed.url })
      await ecr.send(new CreateRepositoryCommand({ repositoryName: 'test/slow' }))
      await ecr.send(new BatchGetImageCommand(request))
      expect(slept).toEqual([250, 250])
    } finally {
      await observed.close()
    }
  })
})

describe('trickled answers', () => {
  const signed = {
    'Content-Type': 'application/x-amz-json-1.1',
    Authorization:
      'AWS4-HMAC-SHA256 Credential=AKID/20261127/us-east-1/ecr/aws4_request, SignedHeaders=host, Signature=abc'
  }
  const call = (url: string, operation: string, body: unknown) =>
    fetch(url, {
      method: 'POST',
      headers: { ...signed, 'X-Amz-Target': `AmazonEC2ContainerRegistry_V20150921.${operation}` },
      body: JSON.stringify(body)
    })
  const batchGetBody = { repositoryName: api.repositoryName, imageIds: [{ imageTag: 'latest' }] }

  let slept: number[]
  let observed: EcrServer

  beforeEach(async () => {
    slept = []
    observed = await startEcrServer({
      sleep: async (ms) => {
        slept.push(ms)
      }
    })
  })

  afterEach(async () => {
    await observed.close()
  })

  it('sends the headers at once and the body a byte per interval, through the injected sleep', async () => {
    observed.faults.trickle({ count: 1, intervalMs: 25 })
    const response = await call(observed.url, 'BatchGetImage', batchGetBody)
    expect(response.status).toBe(200)
    const text = await response.text()
    expect(JSON.parse(text)).toMatchObject({ images: [{ imageId: { imageTag: 'latest' } }] })
    expect(slept).toEqual(Array(Buffer.byteLength(text)).fill(25))
    // count: 1, so the next answer comes at once.
    await (await call(observed.url, 'BatchGetImage', batchGetBody)).text()
    expect(slept).toHaveLength(Buffer.byteLength(text))
  })

  it('trickles only the operation named, errors as well as answers, until cleared', async () => {
    observed.faults.trickle({ operation: 'ListImageReferrers', intervalMs: 5 })
    await (await call(observed.url, 'BatchGetImage', batchGetBody)).text()
    expect(slept).toEqual([])
    // A subject in no repository: ECR's error answer, trickled as any answer.
    const listMissing = () =>
      call(observed.url, 'ListImageReferrers', {
        repositoryName: 'no/such-repo',
        subjectId: { imageDigest: apiDigest }
      })
    const missing = await listMissing()
    expect(missing.status).toBe(400)
    const text = await missing.text()
    expect(JSON.parse(text)).toMatchObject({ __type: 'RepositoryNotFoundException' })
    expect(slept).toHaveLength(Buffer.byteLength(text))
    await (await listMissing()).text()
    expect(slept.length).toBe(2 * Buffer.byteLength(text))
    observed.faults.clear()
    await (await listMissing()).text()
    expect(slept.length).toBe(2 * Buffer.byteLength(text))
  })

  it('trickles blob downloads (operation "download"), the bytes as stored', async () => {
    const answer = (await (
      await call(observed.url, 'GetDownloadUrlForLayer', {
        registryId: SEEDED_APP.registryId,
        repositoryName: SEEDED_APP.repositoryName,
        layerDigest: CONFIG_FIXTURES.amd64Config.digest
      })
    ).json()) as { downloadUrl: string }
    observed.faults.trickle({ operation: 'download', count: 1, intervalMs: 7 })
    const blob = await (await fetch(answer.downloadUrl)).text()
    expect(blob).toBe(CONFIG_FIXTURES.amd64Config.text)
    expect(slept).toEqual(Array(Buffer.byteLength(blob)).fill(7))
  })

  it('takes a trickle in a fault plan over HTTP, and refuses one it cannot apply', async () => {
    const response = await fetch(`${observed.url}/__faults`, {
      method: 'POST',
      body: JSON.stringify({
        trickle: [{ operation: 'GetDownloadUrlForLayer', intervalMs: 50 }, { count: 2 }]
      })
    })
    expect(((await response.json()) as { trickles: unknown }).trickles).toEqual([
      { operation: 'GetDownloadUrlForLayer', remaining: null, intervalMs: 50 },
      { operation: 'BatchGetImage', remaining: 2, intervalMs: 1000 }
    ])
    for (const bad of [{ operation: 'PutImage' }, { intervalMs: 0 }, { count: -1 }, 'fast']) {
      const refused = await fetch(`${observed.url}/__faults`, {
        method: 'POST',
        body: JSON.stringify({ trickle: bad })
      })
      expect(refused.status).toBe(400)
      expect(((await refused.json()) as { message: string }).message).toMatch(/trickle/)
    }
  })
})

describe('control over HTTP', () => {
  it('takes a fault plan on POST /__faults and reports it back', async () => {
    const response = await fetch(`${server.url}/__faults`, {
      method: 'POST',
      body: JSON.stringify({ throttle: 1, serverError: { count: 1, status: 503 }, latencyMs: 0 })
    })
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({
      queued: [{ kind: 'throttle' }, { kind: 'serverError', status: 503 }],
      latencyMs: 0,
      repositoryFailures: [],
      responseOverrides: [],
      trickles: []
    })
    const result = await batchGet(
      { repositoryName: 'team/api', imageIds: [{ imageTag: 'latest' }] },
      { maxAttempts: 3 }
    )
    expect(result.$metadata.attempts).toBe(3)
  })

  it('rejects a malformed plan with 400 and clears faults on DELETE', async () => {
    const bad = await fetch(`${server.url}/__faults`, {
      method: 'POST',
      body: JSON.stringify({ throttle: -1 })
    })
    expect(bad.status).toBe(400)
    expect(((await bad.json()) as { message: string }).message).toMatch(/throttle/)
    server.faults.reset(3)
    const cleared = await fetch(`${server.url}/__faults`, { method: 'DELETE' })
    expect(((await cleared.json()) as { queued: unknown[] }).queued).toEqual([])
  })

  it('lists the recorded calls on GET /__calls and clears them on DELETE', async () => {
    await batchGet({ repositoryName: 'team/api', imageIds: [{ imageTag: 'latest' }] })
    const listed = (await (await fetch(`${server.url}/__calls`)).json()) as {
      calls: { operation: string }[]
    }
    expect(listed.calls.map((call) => call.operation)).toEqual(['BatchGetImage'])
    await fetch(`${server.url}/__calls`, { method: 'DELETE' })
    expect(server.calls).toEqual([])
  })
})

describe('the wire protocol', () => {
  const target = 'AmazonEC2ContainerRegistry_V20150921.'
  function post(operation: string, headers: Record<string, string> = {}, body: unknown = {}) {
    return fetch(server.url, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-amz-json-1.1',
        'X-Amz-Target': target + operation,
        ...headers
      },
      body: JSON.stringify(body)
    })
  }
  const signed = {
    Authorization:
      'AWS4-HMAC-SHA256 Credential=AKID/20261127/eu-central-1/ecr/aws4_request, SignedHeaders=host, Signature=abc'
  }

  it('refuses an unsigned call with MissingAuthenticationTokenException', async () => {
    const response = await post('BatchGetImage')
    expect(response.status).toBe(400)
    expect(response.headers.get('x-amzn-errortype')).toBe('MissingAuthenticationTokenException')
    expect(await response.json()).toEqual({
      __type: 'MissingAuthenticationTokenException',
      message: 'Missing Authentication Token'
    })
    expect(server.calls).toEqual([])
  })

  it('answers an unknown operation with UnknownOperationException and records its region', async () => {
    const response = await post('DescribeImages', signed)
    expect(response.status).toBe(400)
    expect(response.headers.get('x-amzn-errortype')).toBe('UnknownOperationException')
    expect(((await response.json()) as { __type: string }).__type).toBe('UnknownOperationException')
    expect(server.calls.map((call) => [call.operation, call.region])).toEqual([
      ['DescribeImages', 'eu-central-1']
    ])
  })

  it('answers success as JSON 1.1', async () => {
    const response = await post('BatchGetImage', signed, {
      repositoryName: 'team/api',
      imageIds: [{ imageTag: 'latest' }]
    })
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('application/x-amz-json-1.1')
    expect(((await response.json()) as { images: unknown[] }).images).toHaveLength(1)
  })
})

describe('seeding', () => {
  it('starts empty with seed: false', async () => {
    const bare = await startEcrServer({ seed: false })
    try {
      const ecr = client({ endpoint: bare.url })
      await expect(
        ecr.send(
          new BatchGetImageCommand({
            repositoryName: 'team/api',
            imageIds: [{ imageTag: 'latest' }]
          })
        )
      ).rejects.toMatchObject({
        name: 'RepositoryNotFoundException'
      })
    } finally {
      await bare.close()
    }
  })
})
