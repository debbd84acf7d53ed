import { describe, expect, it } from '@jest/globals'
import { sha256Digest } from '../../src/insight/integrity.js'
import { annotationsToShow, judge } from '../../src/insight/verdict.js'
import type { Policies } from '../../src/insight/verdict.js'
import type { ImageLookup, ImageResult } from '../../src/types.js'

const manifest = '{"schemaVersion":2}'
const digest = sha256Digest(manifest)
const byTag: ImageLookup = {
  key: 'v1',
  region: 'us-east-1',
  repositoryName: 'team/api',
  imageTag: 'v1'
}
const byDigest: ImageLookup = { ...byTag, key: digest, imageTag: undefined, imageDigest: digest }
const strict: Policies = { ifMissing: 'fail', ifExists: 'ignore' }
const foundBy = (request: ImageLookup, text = manifest, ecrDigest = digest): ImageResult => ({
  request,
  image: { imageId: { imageDigest: ecrDigest }, imageManifest: text, imageManifestMediaType: 'x' }
})

describe('sha256Digest', () => {
  it('hashes the UTF-8 bytes like a registry does', () => {
    expect(sha256Digest('')).toBe(
      'sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'
    )
    expect(sha256Digest('é')).toBe(sha256Digest(Buffer.from('é', 'utf8').toString()))
  })
})

describe('judge', () => {
  it.each([
    ['fail', 'error', true],
    ['warn', 'warning', false]
  ] as const)('if-missing: %s gives an %s annotation', (ifMissing, level, failsJob) => {
    const verdict = judge(
      {
        request: byTag,
        failure: { failureCode: 'ImageNotFound', failureReason: 'Requested image not found' }
      },
      { ...strict, ifMissing }
    )
    expect(verdict.status).toBe('missing')
    expect(verdict.failsJob).toBe(failsJob)
    expect(verdict.annotations).toEqual([
      { level, title: 'team/api v1', message: 'ImageNotFound: Requested image not found' }
    ])
  })

  it('if-missing: ignore says nothing and passes', () => {
    const verdict = judge(
      { request: byTag, failure: { failureCode: 'ImageNotFound' } },
      { ...strict, ifMissing: 'ignore' }
    )
    expect(verdict.annotations).toEqual([])
    expect(verdict.failsJob).toBe(false)
  })

  it.each(['ImageTagDoesNotMatchDigest', 'KmsError', 'UpstreamUnavailable', 'SomethingNew2030'])(
    '%s fails the job whatever if-missing says',
    (failureCode) => {
      const verdict = judge(
        { request: byTag, failure: { failureCode, failureReason: 'r' } },
        { ...strict, ifMissing: 'ignore' }
      )
      expect(verdict.status).toBe('failed')
      expect(verdict.failsJob).toBe(true)
      expect(verdict.annotations[0]).toMatchObject({ level: 'error', message: `${failureCode}: r` })
    }
  )

  it('a failure without a code is a failure, never a crash', () => {
    expect(judge({ request: byTag, failure: {} }, strict).code).toBe('UnknownFailure')
  })

  it.each([
    ['ignore', [], false],
    ['warn', ['warning'], false],
    ['fail', ['error'], true]
  ] as const)('if-exists: %s', (ifExists, levels, failsJob) => {
    const verdict = judge(foundBy(byTag), { ...strict, ifExists })
    expect(verdict.status).toBe('found')
    expect(verdict.digest).toBe(digest)
    expect(verdict.annotations.map((a) => a.level)).toEqual(levels)
    expect(verdict.failsJob).toBe(failsJob)
  })

  it('fails an id asked by digest whose manifest hashes to something else', () => {
    const verdict = judge(foundBy(byDigest, manifest + ' '), strict)
    expect(verdict.status).toBe('failed')
    expect(verdict.code).toBe('IntegrityError')
    expect(verdict.annotations[0]?.message).toContain(
      `the manifest returned for ${digest} hashes to sha256:`
    )
  })

  it('notes a conversion when asked by tag and keeps ECR’s digest', () => {
    const verdict = judge(foundBy(byTag, '{"converted":true}'), strict)
    expect(verdict.status).toBe('found')
    expect(verdict.digest).toBe(digest)
    expect(verdict.annotations).toHaveLength(1)
    expect(verdict.annotations[0]?.level).toBe('notice')
    expect(verdict.annotations[0]?.message).toContain('ECR converted the manifest to x')
  })

  it('titles a full reference by itself', () => {
    const request = { ...byTag, key: '123456789012.dkr.ecr.us-east-1.amazonaws.com/team/api:v1' }
    expect(
      judge({ request, failure: { failureCode: 'ImageNotFound' } }, strict).annotations[0]?.title
    ).toBe(request.key)
  })

  it('explains a failed call', () => {
    const error = Object.assign(new Error('The repository does not exist'), {
      name: 'RepositoryNotFoundException'
    })
    const verdict = judge({ request: { ...byTag, registryId: '210987654321' }, error }, strict)
    expect(verdict.failsJob).toBe(true)
    expect(verdict.annotations[0]?.message).toBe(
      "Repository not found: repository 'team/api' in registry 210987654321, region us-east-1. Check the " +
        "repository name, registry-id (another account's registry) and region (RepositoryNotFoundException: " +
        'The repository does not exist).'
    )
  })
})

describe('annotationsToShow', () => {
  const callError = Object.assign(new Error('boom'), { name: 'ServerException' })
  const inCall = (key: string): ImageResult => ({
    request: { ...byTag, key, imageTag: key },
    error: callError
  })

  it('says a failed call once, naming the ids it covers', () => {
    const keys = Array.from({ length: 12 }, (_, i) => `t${i}`)
    const verdicts = [
      judge({ request: byTag, failure: { failureCode: 'ImageNotFound' } }, strict),
      ...keys.map((key) => judge(inCall(key), strict))
    ]
    const shown = annotationsToShow(verdicts)
    expect(shown).toHaveLength(2)
    expect(shown[0]?.title).toBe('team/api v1')
    expect(shown[1]?.title).toBe('team/api: 12 image ids')
    expect(shown[1]?.message).toMatch(
      /^BatchGetImage failed for .*\(ServerException: boom\)\. Image ids: t0, t1, t2, t3, t4, t5, t6, t7, t8, t9 and 2 more\.$/
    )
    expect(verdicts[1]?.annotations[0]?.title).toBe('team/api t0')
  })

  it('keeps a lone call error as it is', () => {
    const shown = annotationsToShow([judge(inCall('only'), strict)])
    expect(shown).toEqual([
      {
        level: 'error',
        title: 'team/api only',
        message: expect.stringMatching(/^BatchGetImage failed/)
      }
    ])
  })
})

describe('judge with several gates failing on one id', () => {
  const policies: Policies = {
    ...strict,
    referrers: { required: ['signature'] },
    compare: { label: 'prod', maxSizeIncrease: { percent: 10, text: '10%' } }
  }
  const facts = {
    configProblem: { code: 'LabelMismatch', reason: 'team/api v1 does not pass require-labels' },
    growth: [{ size: 2000, baselineSize: 1000 }],
    referrers: { records: [], counted: {}, notCounted: 0, problems: [], uncertain: [] }
  }
  const within = [{ size: 1000, baselineSize: 1000 }]

  it('keeps the first failure code, every reason and every annotation', () => {
    const verdict = judge(foundBy(byTag), policies, facts)
    expect(verdict).toMatchObject({ status: 'failed', failsJob: true, code: 'LabelMismatch' })
    expect(verdict.codes).toEqual(['LabelMismatch', 'SizeIncreaseExceeded', 'ReferrersMissing'])
    expect(verdict.reason).toContain('does not pass require-labels')
    expect(verdict.reason).toContain('more than max-size-increase 10%')
    expect(verdict.reason).toContain('missing signature')
    expect(verdict.annotations.map((a) => a.message)).toEqual([
      'team/api v1 does not pass require-labels',
      expect.stringContaining('max-size-increase'),
      expect.stringContaining('missing signature')
    ])
  })

  it('a size gate and a referrer gate: the size failure is not overwritten', () => {
    const { configProblem: _none, ...rest } = facts
    const verdict = judge(foundBy(byTag), policies, rest)
    expect(verdict.code).toBe('SizeIncreaseExceeded')
    expect(verdict.codes).toEqual(['SizeIncreaseExceeded', 'ReferrersMissing'])
    expect(verdict.annotations).toHaveLength(2)
  })

  it('a platform not found still reports a missing referrer kind', () => {
    const verdict = judge(foundBy(byTag), policies, {
      platformProblem: 'team/api v1 has no linux/arm64',
      referrers: facts.referrers,
      growth: within
    })
    expect(verdict.codes).toEqual(['PlatformNotFound', 'ReferrersMissing'])
    expect(verdict.platformDigest).toBeUndefined()
  })

  it('one failing gate has one code', () => {
    const verdict = judge(foundBy(byTag), policies, {
      referrers: facts.referrers,
      growth: within
    })
    expect(verdict).toMatchObject({ code: 'ReferrersMissing', codes: ['ReferrersMissing'] })
  })

  it('a size gate with no comparison at all cannot decide', () => {
    const verdict = judge(foundBy(byTag), policies, {
      referrers: { ...facts.referrers, counted: { signature: 1 } }
    })
    expect(verdict).toMatchObject({ code: 'SizeNotComparable', codes: ['SizeNotComparable'] })
    expect(verdict.reason).toBe(
      'not compared with prod, so max-size-increase 10% cannot be checked'
    )
  })
})
