import { describe, expect, it } from '@jest/globals'
import { planCalls } from '../../src/ecr/calls.js'
import { matchResults } from '../../src/ecr/results.js'
import type { CallOutcome, ImageLookup } from '../../src/types.js'

const D1 = 'sha256:' + '1'.repeat(64)
const D2 = 'sha256:' + '2'.repeat(64)
const base = { region: 'us-east-1', repositoryName: 'team/api' }
const requests: ImageLookup[] = [
  { ...base, key: 'v1', imageTag: 'v1' },
  { ...base, key: D1, imageDigest: D1 },
  { ...base, key: `v1@${D2}`, imageTag: 'v1', imageDigest: D2 },
  { ...base, key: 'gone', imageTag: 'gone' },
  { ...base, key: 'imageTag=v1', imageTag: 'v1' }
]

describe('matchResults', () => {
  it('puts images and failures back on the requests as written, in input order', () => {
    const [call] = planCalls(requests, ['x'])
    const outcome: CallOutcome = {
      call: call!,
      images: [
        { repositoryName: 'team/api', imageId: { imageDigest: D1 }, imageManifest: 'b' },
        {
          repositoryName: 'team/api',
          imageId: { imageTag: 'v1', imageDigest: D1 },
          imageManifest: 'a'
        }
      ],
      failures: [
        {
          imageId: { imageTag: 'gone' },
          failureCode: 'ImageNotFound',
          failureReason: 'Requested image not found'
        },
        { imageId: { imageTag: 'v1', imageDigest: D2 }, failureCode: 'ImageTagDoesNotMatchDigest' }
      ]
    }
    const results = matchResults(requests, [outcome])
    expect(results.map((r) => r.request.key)).toEqual(requests.map((r) => r.key))
    expect(results[0]?.image?.imageManifest).toBe('a')
    expect(results[1]?.image?.imageManifest).toBe('b')
    expect(results[2]?.failure?.failureCode).toBe('ImageTagDoesNotMatchDigest')
    expect(results[3]?.failure?.failureCode).toBe('ImageNotFound')
    expect(results[4]?.image).toBe(results[0]?.image)
  })

  it('gives every request of a failed call that call error', () => {
    const calls = planCalls(requests, ['x'])
    const error = new Error('boom')
    const results = matchResults(requests, [{ call: calls[0]!, error }])
    expect(results.every((r) => r.error === error)).toBe(true)
  })

  it('reports an id that ECR left unanswered as an error, not as found', () => {
    const [call] = planCalls(requests.slice(0, 1), ['x'])
    const [result] = matchResults(requests.slice(0, 1), [{ call: call!, images: [], failures: [] }])
    expect(result?.image).toBeUndefined()
    expect(result?.error?.message).toMatch(/neither an image nor a failure/)
  })

  it('does not take another repository’s answer', () => {
    const other: ImageLookup = { ...base, repositoryName: 'team/web', key: 'v1', imageTag: 'v1' }
    const [call] = planCalls(requests.slice(0, 1), ['x'])
    const [result] = matchResults(
      [other],
      [{ call: call!, images: [{ imageId: { imageTag: 'v1' } }], failures: [] }]
    )
    expect(result?.image).toBeUndefined()
    expect(result?.error).toBeDefined()
  })
})

describe('matchResults with a tag and a digest of the same image in one call', () => {
  const tag: ImageLookup = { ...base, key: 'v1', imageTag: 'v1' }
  const digest: ImageLookup = { ...base, key: D1, imageDigest: D1 }
  const both: ImageLookup = { ...base, key: `v1@${D1}`, imageTag: 'v1', imageDigest: D1 }
  const byTag = { imageId: { imageTag: 'v1', imageDigest: D1 }, imageManifest: 'converted' }

  it('gives the digest id its own failure, not the converted by-tag answer', () => {
    const [call] = planCalls([tag, digest, both], ['x'])
    const outcome: CallOutcome = {
      call: call!,
      images: [byTag],
      failures: [
        { imageId: { imageDigest: D1 }, failureCode: 'ImageNotFound' },
        { imageId: { imageTag: 'v1', imageDigest: D1 }, failureCode: 'ImageNotFound' }
      ]
    }
    const [t, d, b] = matchResults([tag, digest, both], [outcome])
    expect(t?.image).toBe(byTag)
    expect(d?.failure?.failureCode).toBe('ImageNotFound')
    expect(b?.failure?.failureCode).toBe('ImageNotFound')
  })

  it('prefers the entry that echoes the id exactly', () => {
    const [call] = planCalls([tag, digest], ['x'])
    const own = { imageId: { imageDigest: D1 }, imageManifest: 'stored' }
    const [, d] = matchResults([tag, digest], [{ call: call!, images: [byTag, own], failures: [] }])
    expect(d?.image).toBe(own)
  })
})
