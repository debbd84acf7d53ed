import { describe, expect, it } from '@jest/globals'
import { childLookups, inspect, withChildren } from '../../src/insight/inspect.js'
import { judge } from '../../src/insight/verdict.js'
import type { Verdict } from '../../src/insight/verdict.js'
import type { Platform } from '../../src/platform.js'
import { buildOutputs, pinnedUri } from '../../src/reports/outputs.js'
import { reportRows } from '../../src/reports/rows.js'
import { FIXTURES, SEED_REGISTRY_ID } from '../../server/fixtures.js'
import type { FixtureManifest } from '../../server/fixtures.js'
import type { ImageLookup, ImageResult } from '../../src/types.js'
import { outputText } from '../../src/reports/json-output.js'

const policies = { ifMissing: 'fail', ifExists: 'ignore' } as const
const request = (key: string, repositoryName = 'team/multi'): ImageLookup => ({
  key,
  region: 'us-east-1',
  repositoryName,
  imageTag: key
})
const found = (req: ImageLookup, fixture: FixtureManifest): ImageResult => ({
  request: req,
  image: {
    registryId: SEED_REGISTRY_ID,
    repositoryName: req.repositoryName,
    imageId: { imageTag: req.imageTag, imageDigest: fixture.digest },
    imageManifest: fixture.manifest,
    imageManifestMediaType: fixture.mediaType
  }
})
/** The insight stage as main.ts runs it: inspect, add the children fetched, judge. */
const judged = (
  results: ImageResult[],
  platform: Platform | undefined,
  children: ImageResult[] = []
): Verdict[] =>
  withChildren(inspect(results, platform), children).map(({ result, ...inspection }) =>
    judge(result, policies, inspection)
  )
const arm64 = { os: 'linux', architecture: 'arm64' }
const uri = (repository: string, digest: string) =>
  `${SEED_REGISTRY_ID}.dkr.ecr.us-east-1.amazonaws.com/${repository}@${digest}`

describe('childLookups', () => {
  it('asks for every platform child of every index found, by digest, once', () => {
    const inspected = inspect(
      [
        found(request('v2'), FIXTURES.dockerList),
        found(request('again'), FIXTURES.dockerList),
        found(request('v1', 'team/api'), FIXTURES.dockerImage)
      ],
      undefined
    )
    expect(childLookups(inspected)).toEqual([
      {
        key: FIXTURES.dockerListAmd64.digest,
        region: 'us-east-1',
        repositoryName: 'team/multi',
        registryId: SEED_REGISTRY_ID,
        imageDigest: FIXTURES.dockerListAmd64.digest
      },
      {
        key: FIXTURES.dockerListArm64.digest,
        region: 'us-east-1',
        repositoryName: 'team/multi',
        registryId: SEED_REGISTRY_ID,
        imageDigest: FIXTURES.dockerListArm64.digest
      }
    ])
  })
})

describe('inspect and judge', () => {
  it('picks the platform child of an index and pins it', () => {
    const [verdict] = judged([found(request('v2'), FIXTURES.dockerList)], arm64)
    expect(verdict?.manifest?.kind).toBe('index')
    expect(verdict?.platformDigest).toBe(FIXTURES.dockerListArm64.digest)
    expect(pinnedUri(verdict!, verdict?.platformDigest)).toBe(
      uri('team/multi', FIXTURES.dockerListArm64.digest)
    )
  })

  it('takes a single image as its own platform', () => {
    const [verdict] = judged([found(request('v1', 'team/api'), FIXTURES.dockerImage)], arm64)
    expect(verdict?.platformDigest).toBe(FIXTURES.dockerImage.digest)
  })

  it('fails an index without the platform, naming the platforms it has', () => {
    const [verdict] = judged([found(request('v3'), FIXTURES.ociIndex)], {
      os: 'linux',
      architecture: 's390x'
    })
    expect(verdict?.status).toBe('failed')
    expect(verdict?.failsJob).toBe(true)
    expect(verdict?.annotations.at(-1)).toEqual({
      level: 'error',
      title: 'team/multi v3',
      message: 'no linux/s390x in team/multi v3; it has linux/amd64, linux/arm64/v8'
    })
  })

  it('adds the children’s sizes when they were fetched', () => {
    const results = [found(request('v2'), FIXTURES.dockerList)]
    const children = childLookups(inspect(results, undefined)).map((child) =>
      found(
        child,
        child.imageDigest === FIXTURES.dockerListAmd64.digest
          ? FIXTURES.dockerListAmd64
          : FIXTURES.dockerListArm64
      )
    )
    const [verdict] = judged(results, undefined, children)
    const sizes = verdict?.manifest?.platforms?.map((p) => [
      p.platform,
      p.layerCount,
      typeof p.imageSize
    ])
    expect(sizes).toEqual([
      ['linux/amd64', 3, 'number'],
      ['linux/arm64/v8', 3, 'number']
    ])
  })

  it('shows no sizes for a child whose manifest is not the one asked for', () => {
    const results = [found(request('v2'), FIXTURES.dockerList)]
    // Each child echoes the digest asked, but the arm64 one carries the amd64 manifest.
    const children = childLookups(inspect(results, undefined)).map((child) =>
      found(child, { ...FIXTURES.dockerListAmd64, digest: child.imageDigest! })
    )
    const [verdict] = judged(results, undefined, children)
    const sizes = verdict?.manifest?.platforms?.map((p) => [p.platform, p.layerCount])
    expect(sizes).toEqual([
      ['linux/amd64', 3],
      ['linux/arm64/v8', undefined]
    ])
  })
})

describe('buildOutputs and reportRows', () => {
  const results: ImageResult[] = [
    found(request('v2'), FIXTURES.dockerList),
    {
      request: request('gone'),
      failure: { failureCode: 'ImageNotFound', failureReason: 'Requested image not found' }
    }
  ]

  it('sets the platform outputs keyed as written, only when a platform is asked', () => {
    const outputs = buildOutputs(judged(results, arm64), arm64)
    expect(outputs['platform-digest']).toBe(FIXTURES.dockerListArm64.digest)
    expect(JSON.parse(outputText(outputs['platform-digests']!))).toEqual({
      v2: FIXTURES.dockerListArm64.digest
    })
    expect(JSON.parse(outputText(outputs['platform-image-uris']!))).toEqual({
      v2: uri('team/multi', FIXTURES.dockerListArm64.digest)
    })
    const manifests = JSON.parse(outputText(outputs.manifests!))
    expect(manifests.map((m: { id: string; status: string }) => [m.id, m.status])).toEqual([
      ['v2', 'found'],
      ['gone', 'missing']
    ])
    expect(manifests[0].requestedPlatform).toBe('linux/arm64')
    const withoutPlatform = Object.keys(buildOutputs(judged(results, undefined), undefined))
    expect(withoutPlatform).toContain('manifests')
    expect(withoutPlatform.filter((name) => name.startsWith('platform-'))).toEqual([])
  })

  it('turns each id into a report row', () => {
    const rows = reportRows(judged(results, arm64), arm64)
    expect(rows[0]).toMatchObject({
      repository: 'team/multi',
      id: 'v2',
      result: 'found',
      digest: FIXTURES.dockerList.digest,
      platform: 'linux/arm64',
      platformDigest: FIXTURES.dockerListArm64.digest,
      imageUri: uri('team/multi', FIXTURES.dockerList.digest)
    })
    expect(rows[1]).toEqual({
      repository: 'team/multi',
      id: 'gone',
      result: 'missing',
      failureCode: 'ImageNotFound',
      failureReason: 'Requested image not found'
    })
  })
})
