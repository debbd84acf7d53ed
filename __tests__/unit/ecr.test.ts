import { describe, expect, it } from '@jest/globals'
import { BatchGetImageCommand, ECRClient, RepositoryNotFoundException } from '@aws-sdk/client-ecr'
import { mockClient } from 'aws-sdk-client-mock'
import {
  MAX_IDS_PER_CALL,
  createClientFactory,
  fetchImages,
  mapConcurrent,
  planCalls,
  toCommandInput
} from '../../src/ecr/calls.js'
import { MANIFEST_MEDIA_TYPES } from '../../src/media-types.js'
import type { ImageLookup } from '../../src/types.js'

const types = [...MANIFEST_MEDIA_TYPES]
const request = (key: string, extra: Partial<ImageLookup> = {}): ImageLookup => ({
  key,
  region: 'us-east-1',
  repositoryName: 'team/api',
  imageTag: key,
  ...extra
})

describe('planCalls', () => {
  it('asks identical ids once and keeps first-seen order', () => {
    const calls = planCalls(
      [request('v1'), request('imageTag=v1', { imageTag: 'v1' }), request('v2'), request('v1')],
      types
    )
    expect(calls).toHaveLength(1)
    expect(calls[0]?.imageIds).toEqual([{ imageTag: 'v1' }, { imageTag: 'v2' }])
  })

  it('keeps a tag, a digest and both as three different ids', () => {
    const digest = 'sha256:' + 'a'.repeat(64)
    const calls = planCalls(
      [
        request('v1'),
        request(digest, { imageTag: undefined, imageDigest: digest }),
        request(`v1@${digest}`, { imageTag: 'v1', imageDigest: digest })
      ],
      types
    )
    expect(calls[0]?.imageIds).toEqual([
      { imageTag: 'v1' },
      { imageDigest: digest },
      { imageTag: 'v1', imageDigest: digest }
    ])
  })

  it('chunks at 100 ids per repository', () => {
    const requests = Array.from({ length: 250 }, (_, i) => request(`t${i}`))
    const calls = planCalls(requests, types)
    expect(calls.map((call) => call.imageIds.length)).toEqual([100, 100, 50])
    expect(calls[2]?.imageIds[49]).toEqual({ imageTag: 't249' })
    expect(MAX_IDS_PER_CALL).toBe(100)
  })

  it('groups by region, registry and repository in first-seen order', () => {
    const calls = planCalls(
      [
        request('a', { repositoryName: 'team/web' }),
        request('b'),
        request('c', { region: 'eu-west-1' }),
        request('d', { registryId: '210987654321' }),
        request('e', { repositoryName: 'team/web' })
      ],
      types
    )
    expect(
      calls.map((call) => [call.region, call.registryId, call.repositoryName, call.imageIds.length])
    ).toEqual([
      ['us-east-1', undefined, 'team/web', 2],
      ['us-east-1', undefined, 'team/api', 1],
      ['eu-west-1', undefined, 'team/api', 1],
      ['us-east-1', '210987654321', 'team/api', 1]
    ])
  })

  it('builds the request in the CLI skeleton shape, registryId only when given', () => {
    const [withRegistry] = planCalls([request('v1', { registryId: '210987654321' })], types)
    const [own] = planCalls([request('v1')], ['application/vnd.oci.image.index.v1+json'])
    expect(toCommandInput(withRegistry!)).toEqual({
      registryId: '210987654321',
      repositoryName: 'team/api',
      imageIds: [{ imageTag: 'v1' }],
      acceptedMediaTypes: types
    })
    expect(Object.keys(toCommandInput(own!))).toEqual([
      'repositoryName',
      'imageIds',
      'acceptedMediaTypes'
    ])
  })
})

describe('fetchImages', () => {
  it('sends one BatchGetImage per call and keeps call order', async () => {
    const ecr = mockClient(ECRClient)
    ecr.on(BatchGetImageCommand).callsFake(async (input) => ({
      images: input.imageIds.map((id: { imageTag: string }) => ({
        imageId: { imageTag: id.imageTag }
      })),
      failures: []
    }))
    const client = new ECRClient({ region: 'us-east-1' })
    const calls = planCalls(
      Array.from({ length: 150 }, (_, i) => request(`t${i}`)),
      types
    )
    const outcomes = await fetchImages(calls, () => client)
    expect(ecr.commandCalls(BatchGetImageCommand)).toHaveLength(2)
    expect(outcomes.map((outcome) => ('images' in outcome ? outcome.images.length : -1))).toEqual([
      100, 50
    ])
    ecr.restore()
  })

  it('turns a failed call into an outcome with the error and still answers the others', async () => {
    const ecr = mockClient(ECRClient)
    ecr
      .on(BatchGetImageCommand, { repositoryName: 'team/gone' })
      .rejects(new RepositoryNotFoundException({ message: 'gone', $metadata: {} }))
      .on(BatchGetImageCommand, { repositoryName: 'team/api' })
      .resolves({ images: [], failures: [] })
    const client = new ECRClient({ region: 'us-east-1' })
    const outcomes = await fetchImages(
      planCalls([request('a', { repositoryName: 'team/gone' }), request('b')], types),
      () => client
    )
    expect('error' in outcomes[0]! && outcomes[0].error.name).toBe('RepositoryNotFoundException')
    expect('images' in outcomes[1]!).toBe(true)
    ecr.restore()
  })

  it('logs the raw request and response through debug', async () => {
    const ecr = mockClient(ECRClient)
    ecr
      .on(BatchGetImageCommand)
      .resolves({ images: [], failures: [{ failureCode: 'ImageNotFound' }] })
    const lines: string[] = []
    await fetchImages(
      planCalls([request('v9')], types),
      () => new ECRClient({ region: 'us-east-1' }),
      {
        debug: (line) => lines.push(line)
      }
    )
    expect(lines[0]).toContain('"imageTag":"v9"')
    expect(lines[1]).toContain('ImageNotFound')
    ecr.restore()
  })
})

describe('mapConcurrent', () => {
  it('never runs more than the limit at once and keeps order', async () => {
    let running = 0
    let peak = 0
    const results = await mapConcurrent([5, 1, 4, 2, 3, 0], 2, async (n) => {
      running++
      peak = Math.max(peak, running)
      await new Promise((resolve) => setImmediate(resolve))
      running--
      return n * 10
    })
    expect(results).toEqual([50, 10, 40, 20, 30, 0])
    expect(peak).toBe(2)
  })
})

describe('createClientFactory', () => {
  it('makes one client per region with the retry settings', async () => {
    const factory = createClientFactory({ maxAttempts: 7, endpoint: 'http://127.0.0.1:1' })
    const east = factory('us-east-1')
    expect(factory('us-east-1')).toBe(east)
    expect(factory('eu-west-1')).not.toBe(east)
    expect(await east.config.region()).toBe('us-east-1')
    expect(await east.config.maxAttempts()).toBe(7)
  })
})
