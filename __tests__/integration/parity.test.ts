// CLI parity: for the same BatchGetImage request, the action's `images` and `failures` outputs
// (run() in process, through the real SDK) are exactly what `aws ecr batch-get-image` prints
// (after JSON.parse), both asking the same local ECR-compatible server. Debian's awscli at
// /usr/bin/aws (another `aws`, e.g. from pyenv, may come first on PATH); the AWS_CLI variable
// names another one.
import { beforeAll, describe, expect, it } from '@jest/globals'
import type { RecordedCall } from '../../server/ecr-server.js'
import { SEEDED } from '../../server/fixtures.js'
import { awsCliJson, startAwsCli } from '../helpers/aws-cli.js'
import { useServers } from '../helpers/servers.js'
import { DEFAULT_MEDIA_TYPES, DOCKER_MANIFEST, OCI_MANIFEST } from '../helpers/images.js'
import type { ActionRun } from '../../harness/run-action.js'
import { runInProcess } from '../helpers/in-process.js'

// The CLI's session starts with the file's servers, not inside the first test that asks it.
beforeAll(startAwsCli)

interface ImageId {
  imageTag?: string
  imageDigest?: string
}

/** A request in the CLI skeleton's shape (`--generate-cli-skeleton`). */
interface Request {
  repositoryName: string
  imageIds: ImageId[]
  acceptedMediaTypes: string[]
}

interface Answer {
  images: unknown[]
  failures: unknown[]
}

const servers = useServers()

/** The CLI's shorthand of one id: `imageTag=v1`, `imageDigest=sha256:…`, or both. */
function shorthand(id: ImageId): string {
  return Object.entries(id)
    .map(([key, value]) => `${key}=${value}`)
    .join(',')
}

/** Runs `aws ecr batch-get-image …` and returns its JSON and the call the server saw. */
async function aws(args: string[]): Promise<{ answer: Answer; call: RecordedCall | undefined }> {
  servers.ecr.clearCalls()
  const answer = await awsCliJson<Answer>(servers.ecr.url, ['ecr', 'batch-get-image', ...args])
  return { answer, call: servers.ecr.calls[0] }
}

function cliWithArguments(request: Request) {
  return aws([
    '--repository-name',
    request.repositoryName,
    '--image-ids',
    ...request.imageIds.map(shorthand),
    '--accepted-media-types',
    ...request.acceptedMediaTypes
  ])
}

function cliWithInputJson(request: Request) {
  return aws(['--cli-input-json', JSON.stringify(request)])
}

/** The action's answer to the same request: its `images` and `failures` outputs, parsed. */
async function action(
  inputs: Record<string, string>
): Promise<{ answer: Answer; call: RecordedCall | undefined; run: ActionRun }> {
  servers.ecr.clearCalls()
  const run = await runInProcess({
    inputs: { 'if-missing': 'ignore', ...inputs },
    endpoint: servers.ecr.url
  })
  const { images, failures } = run.outputs
  if (images === undefined || failures === undefined)
    throw new Error(`images or failures not set:\n${run.stdout}`)
  const answer = {
    images: JSON.parse(images) as unknown[],
    failures: JSON.parse(failures) as unknown[]
  }
  return { answer, call: servers.ecr.calls[0], run }
}

function actionWithInputs(request: Request) {
  return action({
    repository: request.repositoryName,
    'image-ids': request.imageIds.map(shorthand).join('\n'),
    'accepted-media-types': request.acceptedMediaTypes.join('\n')
  })
}

/** Asks both, checks they sent the same request, and returns both answers. */
async function compare(request: Request) {
  const cli = await cliWithArguments(request)
  const ours = await actionWithInputs(request)
  expect(ours.call?.body).toEqual(cli.call?.body)
  expect(ours.answer).toEqual(cli.answer)
  return cli.answer
}

const api = SEEDED.api.image

describe('the action prints what `aws ecr batch-get-image` prints', () => {
  it('tags found and missing together', async () => {
    const answer = await compare({
      repositoryName: 'team/api',
      imageIds: [{ imageTag: 'v1.13.6' }, { imageTag: 'nope' }],
      acceptedMediaTypes: DEFAULT_MEDIA_TYPES
    })
    expect(answer.images).toHaveLength(1)
    expect(answer.images[0]).toMatchObject({ imageId: { imageDigest: api.digest } })
    expect(answer.failures).toEqual([
      {
        imageId: { imageTag: 'nope' },
        failureCode: 'ImageNotFound',
        failureReason: 'Requested image not found'
      }
    ])
  })

  it('a digest', async () => {
    const answer = await compare({
      repositoryName: 'team/api',
      imageIds: [{ imageDigest: api.digest }],
      acceptedMediaTypes: DEFAULT_MEDIA_TYPES
    })
    expect(answer.images).toEqual([
      {
        registryId: '123456789012',
        repositoryName: 'team/api',
        imageId: { imageDigest: api.digest },
        imageManifest: api.manifest,
        imageManifestMediaType: api.mediaType
      }
    ])
    expect(answer.failures).toEqual([])
  })

  // [title, the ids asked in team/api, how many images and failures both print]
  it.each<[string, ImageId[], number, number]>([
    [
      'several found and missing tags, in request order',
      [
        { imageTag: 'latest' },
        { imageTag: 'gone-1' },
        { imageTag: 'v1.13.6' },
        { imageTag: 'gone-2' }
      ],
      2,
      2
    ],
    [
      'a tag pinned to its digest, and a tag with a digest it does not map to',
      [
        { imageTag: 'v1.13.6', imageDigest: api.digest },
        { imageTag: 'latest', imageDigest: SEEDED.web.image.digest }
      ],
      1,
      1
    ]
  ])('%s', async (_title, imageIds, images, failures) => {
    const answer = await compare({
      repositoryName: 'team/api',
      imageIds,
      acceptedMediaTypes: DEFAULT_MEDIA_TYPES
    })
    expect(answer.images).toHaveLength(images)
    expect(answer.failures).toHaveLength(failures)
  })

  it.each([
    ['an OCI index (with an attestation manifest)', SEEDED.ociMulti],
    ['a Docker manifest list', SEEDED.multi]
  ])('a multi-arch image: %s', async (_, seeded) => {
    const answer = await compare({
      repositoryName: seeded.repositoryName,
      imageIds: [{ imageTag: seeded.tags[0] }],
      acceptedMediaTypes: DEFAULT_MEDIA_TYPES
    })
    expect(answer.images).toEqual([
      expect.objectContaining({
        imageId: { imageDigest: seeded.image.digest, imageTag: seeded.tags[0] },
        imageManifest: seeded.image.manifest,
        imageManifestMediaType: seeded.image.mediaType
      })
    ])
  })

  it('a restricted accepted-media-types list: a Docker v2 image converted to OCI by tag', async () => {
    const answer = await compare({
      repositoryName: 'team/api',
      imageIds: [{ imageTag: 'v1.13.6' }, { imageTag: 'nope' }],
      acceptedMediaTypes: [OCI_MANIFEST]
    })
    expect(answer.images).toEqual([
      expect.objectContaining({
        imageId: { imageDigest: api.digest, imageTag: 'v1.13.6' },
        imageManifestMediaType: OCI_MANIFEST
      })
    ])
    expect(answer.failures).toHaveLength(1)
  })

  it('a restricted accepted-media-types list: an OCI image converted to Docker v2 by tag', async () => {
    const web = SEEDED.web.image
    const answer = await compare({
      repositoryName: 'team/web',
      imageIds: [{ imageTag: 'v1' }],
      acceptedMediaTypes: [DOCKER_MANIFEST]
    })
    expect(answer.images).toEqual([
      expect.objectContaining({
        imageId: { imageDigest: web.digest, imageTag: 'v1' },
        imageManifestMediaType: DOCKER_MANIFEST
      })
    ])
  })

  // Bug proof (src/results.ts, answers()): the digest id is matched to the tag's converted image,
  // so the action lists that image twice and drops ECR's ImageNotFound failure for the digest.
  it('a restricted accepted-media-types list: converted by tag, not found by digest, in one call', async () => {
    const answer = await compare({
      repositoryName: 'team/api',
      imageIds: [{ imageTag: 'v1.13.6' }, { imageDigest: api.digest }],
      acceptedMediaTypes: [OCI_MANIFEST]
    })
    expect(answer.images).toHaveLength(1)
    expect(answer.failures).toEqual([
      {
        imageId: { imageDigest: api.digest },
        failureCode: 'ImageNotFound',
        failureReason: 'Requested image not found'
      }
    ])
  })

  // Bug proof (same cause): with no conversion, the digest id gets the tag's entry, whose imageId
  // carries the tag; the CLI prints ECR's by-digest entry, whose imageId has the digest only.
  it('a tag and a digest of the same image in one call', async () => {
    const answer = await compare({
      repositoryName: 'team/api',
      imageIds: [{ imageTag: 'v1.13.6' }, { imageDigest: api.digest }],
      acceptedMediaTypes: DEFAULT_MEDIA_TYPES
    })
    expect(answer.images).toHaveLength(2)
  })
})

describe('--cli-input-json', () => {
  const request: Request = {
    repositoryName: 'team/api',
    imageIds: [{ imageTag: 'v1.13.6' }, { imageTag: 'nope' }, { imageTag: 'latest' }],
    acceptedMediaTypes: DEFAULT_MEDIA_TYPES
  }

  it('prints what the argument form prints, and what the action outputs for the same request', async () => {
    const fromArguments = await cliWithArguments(request)
    const fromJson = await cliWithInputJson(request)
    expect(fromJson.call?.body).toEqual(fromArguments.call?.body)
    expect(fromJson.answer).toEqual(fromArguments.answer)
    expect(fromJson.answer.images).toHaveLength(2)
    expect(fromJson.answer.failures).toHaveLength(1)

    // The action's `request` input takes the same skeleton JSON.
    const ours = await action({ request: JSON.stringify(request) })
    expect(ours.run.code).toBe(0)
    expect(ours.call?.body).toEqual(fromJson.call?.body)
    expect(ours.answer).toEqual(fromJson.answer)
  })

  it('with the default media types left out of the action: the same answer', async () => {
    const { acceptedMediaTypes: _, ...withoutTypes } = request
    const fromJson = await cliWithInputJson(request)
    const ours = await action({ request: JSON.stringify(withoutTypes) })
    expect(ours.call?.body).toEqual(fromJson.call?.body)
    expect(ours.answer).toEqual(fromJson.answer)
  })
})
