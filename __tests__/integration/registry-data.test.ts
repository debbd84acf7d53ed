// Issue 10, in process: run() against the local ECR server answering oddly on purpose
// (response overrides): hostile values in an answer, an answer for another repository, a body of
// the wrong shape, an emulator that echoes the newest tag instead of the one asked, a signed
// schema 1 manifest, digests inside a manifest that are not sha256, and ids with control
// characters.
import { describe, expect, it } from '@jest/globals'
import type { ResponseOverride } from '../../server/response-overrides.js'
import { SEEDED, SEED_REGISTRY_ID } from '../../server/fixtures.js'
import type { ActionRun, Annotation } from '../../harness/run-action.js'
import { runInProcess } from '../helpers/in-process.js'
import { ociImageManifest } from '../helpers/images.js'
import { useServers } from '../helpers/servers.js'

const REPOSITORY = SEEDED.api.repositoryName
const TAG = 'v1.13.6'
const DIGEST = SEEDED.api.image.digest

const servers = useServers()

function run(inputs: Record<string, string>, env: Record<string, string> = {}): Promise<ActionRun> {
  return runInProcess({
    endpoint: servers.ecr.url,
    inputs: { repository: REPOSITORY, 'image-ids': TAG, 'max-attempts': '1', ...inputs },
    env
  })
}

function shown(result: ActionRun): Annotation[] {
  return result.annotations.filter((annotation) => annotation.level !== 'debug')
}

/** The annotations about ids: without the step's closing failure message (setFailed). */
function aboutIds(result: ActionRun): Annotation[] {
  return shown(result).filter((a) => !/^\d+ of \d+ image id\(s\): /.test(a.message))
}

const batchCalls = () => servers.ecr.calls.filter((call) => call.operation === 'BatchGetImage')

/** Everything the runner keeps of a step: the log, the outputs, the summary. */
function everything(result: ActionRun): string {
  return [result.stdout, result.stderr, JSON.stringify(result.outputs), result.summary].join('\n')
}

function respond(override: ResponseOverride): void {
  servers.ecr.faults.respond(override)
}

describe('hostile values in an answer fail that id, and reach no output', () => {
  it.each([
    ['registryId', { registryId: '123/../evil$(id)' }, 'registryId'],
    ['imageDigest', { imageId: { imageDigest: 'md5:abc;$(id)' } }, 'imageId.imageDigest'],
    [
      'imageManifestMediaType',
      { imageManifestMediaType: 'text/html; $(id)' },
      'imageManifestMediaType'
    ]
  ])('%s', async (_, patchImages, field) => {
    respond({ repositoryName: REPOSITORY, patchImages })
    const result = await run({})
    expect(result.code).toBe(1)
    expect(result.outputs).toMatchObject({
      digest: '',
      'image-uri': '',
      digests: '{}',
      'image-uris': '{}',
      images: '[]',
      'found-count': '0',
      'all-found': 'false'
    })
    const [failure] = JSON.parse(result.outputs.failures ?? '[]') as {
      failureCode: string
      failureReason: string
    }[]
    expect(failure?.failureCode).toBe('InvalidResponse')
    expect(failure?.failureReason).toContain(`has ${field} "`)
    const [annotation, ...others] = aboutIds(result)
    expect(others).toEqual([])
    expect(annotation?.level).toBe('error')
    expect(annotation?.message).toMatch(new RegExp(`^InvalidResponse: ECR's answer has ${field} `))
    // The value is named, neutralised: no `$(` or `;` survives anywhere, no URI is built of it.
    expect(everything(result)).not.toContain('$(id)')
    expect(everything(result)).not.toContain('dkr.ecr')
    expect(everything(result)).not.toContain('abc;')
    expect(everything(result)).toContain('\\u0024\\u0028id\\u0029')
  })

  it('an answer for another repository is not taken as found', async () => {
    respond({ repositoryName: REPOSITORY, patchImages: { repositoryName: 'team/web' } })
    const result = await run({})
    expect(result.code).toBe(1)
    expect(result.outputs['found-count']).toBe('0')
    expect(aboutIds(result).map((a) => a.message)).toEqual([
      `InvalidResponse: ECR's answer has repositoryName "team/web", not the repository asked for ` +
        `(${REPOSITORY}); the answer is not used`
    ])
  })

  it('a media type with a shell operator in it (RFC 6838 allows & and $) fails the id', async () => {
    respond({ repositoryName: REPOSITORY, patchImages: { imageManifestMediaType: 'a/b&reboot$X' } })
    const result = await run({})
    expect(result.code).toBe(1)
    expect(result.outputs).toMatchObject({ 'media-type': '', 'media-types': '{}', digest: '' })
    expect(aboutIds(result).map((a) => a.message)).toEqual([
      `InvalidResponse: ECR's answer has imageManifestMediaType "a/b\\u0026reboot\\u0024X", ` +
        'not a media type (type/subtype); the answer is not used'
    ])
    expect(everything(result)).not.toContain('&reboot')
  })

  it('a failure code that is not a code fails the id as InvalidResponse', async () => {
    respond({
      repositoryName: REPOSITORY,
      body: { images: [], failures: [{ imageId: { imageTag: TAG }, failureCode: 'X;$(id)' }] }
    })
    const result = await run({})
    expect(result.code).toBe(1)
    const [failure] = JSON.parse(result.outputs.failures ?? '[]') as { failureCode: string }[]
    expect(failure?.failureCode).toBe('InvalidResponse')
    expect(everything(result)).not.toContain('$(id)')
  })

  it('a well-formed answer passes untouched (the check can pass)', async () => {
    const result = await run({})
    expect(result.code).toBe(0)
    expect(result.outputs.digest).toBe(DIGEST)
    expect(result.outputs['image-uri']).toBe(
      `${SEED_REGISTRY_ID}.dkr.ecr.us-east-1.amazonaws.com/${REPOSITORY}@${DIGEST}`
    )
  })
})

describe('a response of the wrong shape', () => {
  it.each([
    [{ images: 'abc', failures: [] }, 'images is not a list'],
    [{ images: [], failures: { find: 1 } }, 'failures is not a list'],
    [{ images: [42] }, 'images[0] is not an object'],
    [{ images: [{ imageId: { imageDigest: 7 } }] }, 'images[0].imageId.imageDigest is not a string']
  ])('%j is one clear error, never a JavaScript error', async (body, what) => {
    respond({ repositoryName: REPOSITORY, body })
    const result = await run({ 'image-ids': `${TAG} latest` })
    expect(result.code).toBe(1)
    const errors = aboutIds(result)
    expect(errors).toHaveLength(1)
    expect(errors[0]?.message).toContain(
      `ECR returned a malformed BatchGetImage response: ${what} (repository '${REPOSITORY}'`
    )
    expect(everything(result)).not.toMatch(/is not a function|TypeError|Cannot read properties/)
    expect(result.outputs['found-count']).toBe('0')
  })
})

describe('an answer is read in one pass, keeping only what ECR models', () => {
  it('fields ECR does not model, and nulls, reach no output', async () => {
    respond({
      repositoryName: REPOSITORY,
      patchImages: { evil: '$(id)', imageManifestMediaType: null, imageId: { note: '$(id)' } }
    })
    const result = await run({}, { RUNNER_DEBUG: '1' })
    expect(result.code).toBe(0)
    expect(result.outputs.digest).toBe(DIGEST)
    const [image, ...more] = JSON.parse(result.outputs.images ?? '[]') as Record<string, unknown>[]
    expect(more).toEqual([])
    expect(Object.keys(image ?? {}).sort()).toEqual([
      'imageId',
      'imageManifest',
      'registryId',
      'repositoryName'
    ])
    expect(image?.imageId).toEqual({ imageDigest: DIGEST, imageTag: TAG })
    expect(everything(result)).not.toContain('$(id)')
  })

  it.each([
    ['a string', 'not an object'],
    ['a list', [1]]
  ])('a 200 body that is JSON but not an object (%s) is one clear error', async (_, body) => {
    respond({ repositoryName: REPOSITORY, body })
    const result = await run({})
    expect(result.code).toBe(1)
    expect(result.outputs['found-count']).toBe('0')
    expect(everything(result)).not.toMatch(/is not a function|TypeError|Cannot read properties/)
    const errors = aboutIds(result)
    expect(errors).toHaveLength(1)
    expect(errors[0]?.message).toContain(
      `ECR returned a malformed BatchGetImage response: the body is not an object (repository '${REPOSITORY}'`
    )
  })
})

describe('a registry that echoes the newest tag instead of the one asked (moto)', () => {
  it('asks the unechoed ids again one per call, and finds them', async () => {
    respond({ repositoryName: REPOSITORY, echoNewestTag: true })
    const result = await run({ 'image-ids': `${TAG} latest` }, { RUNNER_DEBUG: '1' })
    expect(result.code).toBe(0)
    expect(shown(result)).toEqual([])
    expect(result.outputs).toMatchObject({
      'found-count': '2',
      digests: JSON.stringify({ [TAG]: DIGEST, latest: DIGEST })
    })
    // `latest` is the newest tag, so its echo matches; v1.13.6 is asked again, alone.
    expect(batchCalls().map((call) => call.body.imageIds)).toEqual([
      [{ imageTag: TAG }, { imageTag: 'latest' }],
      [{ imageTag: TAG }]
    ])
    const images = JSON.parse(result.outputs.images ?? '[]') as { imageId: object }[]
    expect(images.map((image) => image.imageId)).toEqual([
      { imageDigest: DIGEST, imageTag: TAG },
      { imageDigest: DIGEST, imageTag: 'latest' }
    ])
    const debug = result.annotations.filter((a) => a.level === 'debug').map((a) => a.message)
    expect(debug).toContainEqual(
      expect.stringContaining('1 by-tag id(s) came back without the tag asked for')
    )
  })

  it('a registry that echoes the tag costs no second call', async () => {
    const result = await run({ 'image-ids': `${TAG} latest` })
    expect(result.code).toBe(0)
    expect(batchCalls()).toHaveLength(1)
  })
})

describe('digests inside a manifest are registry data too', () => {
  // The index's own digest verifies its bytes, not what they say: whoever pushed it wrote them.
  const repositoryName = 'team/hostile-index'
  let armDigest = ''

  beforeAll(() => {
    servers.ecr.createRepository(repositoryName, SEED_REGISTRY_ID)
    const arm = ociImageManifest({
      configDigit: 'c',
      layerDigit: 'd',
      layerSize: 9,
      annotations: {}
    })
    armDigest = servers.ecr.putImage({
      repositoryName,
      registryId: SEED_REGISTRY_ID,
      manifest: arm
    })
    const child = (digest: string, architecture: string) => ({
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      size: arm.length,
      digest,
      platform: { os: 'linux', architecture }
    })
    servers.ecr.putImage({
      repositoryName,
      registryId: SEED_REGISTRY_ID,
      tag: 'v1',
      manifest: JSON.stringify({
        schemaVersion: 2,
        mediaType: 'application/vnd.oci.image.index.v1+json',
        manifests: [child('sha256:abc;$(id)', 'amd64'), child(armDigest, 'arm64')]
      })
    })
  })

  const runFor = (platform: string) =>
    run({ repository: repositoryName, 'image-ids': 'v1', platform })

  it('a platform child whose digest is not sha256 is no platform: nothing is pinned to it', async () => {
    const result = await runFor('linux/amd64')
    expect(result.code).toBe(1)
    expect(result.outputs).toMatchObject({
      'platform-digest': '',
      'platform-image-uri': '',
      'platform-digests': '{}',
      'platform-image-uris': '{}'
    })
    expect(aboutIds(result).map((a) => a.message)).toEqual([
      `no linux/amd64 in ${repositoryName} v1; it has linux/arm64`
    ])
    const [manifest] = JSON.parse(result.outputs.manifests ?? '[]') as { problem?: string }[]
    expect(manifest?.problem).toBe('index entries without a sha256 digest were skipped: #0')
    expect(result.summary).not.toContain('$(id)')
  })

  it('the child with a sha256 digest is pinned (the check can pass)', async () => {
    const result = await runFor('linux/arm64')
    expect(result.code).toBe(0)
    expect(result.outputs['platform-digest']).toBe(armDigest)
  })
})

describe('a signed Docker schema 1 manifest', () => {
  const legacy = SEEDED.legacy

  it('asked by digest, passes the integrity check (digest of the JWS payload)', async () => {
    const result = await run({
      repository: legacy.repositoryName,
      'image-ids': legacy.image.digest,
      'accepted-media-types': 'application/vnd.docker.distribution.manifest.v1+json'
    })
    expect(shown(result)).toEqual([])
    expect(result.code).toBe(0)
    expect(result.outputs.digest).toBe(legacy.image.digest)
  })

  it('asked by tag, no conversion is claimed', async () => {
    const result = await run({ repository: legacy.repositoryName, 'image-ids': '1.21' })
    expect(result.code).toBe(0)
    expect(shown(result)).toEqual([])
    expect(result.outputs.digest).toBe(legacy.image.digest)
  })
})

describe('control characters and whitespace inside an id are input errors', () => {
  it.each([
    ['image-ids', { 'image-ids': 'a\u0001b' }],
    ['image-ids', { 'image-ids': '[{"imageTag":"a b"}]' }],
    ['images', { repository: '', 'image-ids': '', images: 'team/api:v\u00071' }]
  ])('%s', async (input, inputs) => {
    const result = await run(inputs)
    expect(result.code).toBe(1)
    const [error] = shown(result)
    expect(error?.message).toMatch(/input problem/)
    expect(error?.message).toContain(`- ${input}`)
    expect(error?.message).toMatch(/control character|whitespace/)
    expect(batchCalls()).toHaveLength(0)
  })
})
