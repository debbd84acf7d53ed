// compare-to without the ECR server: the comparison of two sides (shared base layers, a rebuilt
// app layer, platforms added and removed, identical digests, a new image), the inputs, the size
// gate in verdict.ts, and the "Changes against" section's wording and size budget.
import { describe, expect, it } from '@jest/globals'
import { parseCompareInputs, parseSizeLimit } from '../../src/inputs/compare.js'
import {
  buildOf,
  comparePlatform,
  compareSides,
  indexSide,
  layerDigests,
  sizeGaps,
  sizeGrowths,
  type Build
} from '../../src/insight/compare.js'
import {
  baselinesToVerify,
  compareWithBaselines,
  comparisonFacts
} from '../../src/insight/baselines.js'
import { inspect } from '../../src/insight/inspect.js'
import { sha256Digest } from '../../src/insight/integrity.js'
import { analyzeManifest } from '../../src/insight/manifest.js'
import { judge, type Policies } from '../../src/insight/verdict.js'
import { changeEntries, changeOutputs, renderChanges } from '../../src/reports/changes.js'
import { sizeChange } from '../../src/sizes.js'
import type { ImageLookup, ImageResult } from '../../src/types.js'
import { outputText } from '../../src/reports/json-output.js'

const layer = (name: string) => sha256Digest(`layer ${name}`)

function imageManifest(config: string, layers: [string, number][]): string {
  return JSON.stringify({
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    config: {
      mediaType: 'application/vnd.oci.image.config.v1+json',
      size: 1000,
      digest: sha256Digest(config)
    },
    layers: layers.map(([name, size]) => ({
      mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip',
      size,
      digest: layer(name)
    }))
  })
}

function build(text: string): Build {
  return buildOf(sha256Digest(text), analyzeManifest(text), text)!
}

const prod = imageManifest('prod', [
  ['base', 30_000_000],
  ['deps', 4_000_000],
  ['app 1', 1_000_000]
])
const pr = imageManifest('pr', [
  ['base', 30_000_000],
  ['deps', 4_000_000],
  ['app 2', 2_500_000]
])

function index(children: [string, Record<string, string>][]): string {
  return JSON.stringify({
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.index.v1+json',
    manifests: children.map(([text, platform]) => ({
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      size: text.length,
      digest: sha256Digest(text),
      platform
    }))
  })
}

function indexSideOf(text: string, children: string[]) {
  const builds = new Map(children.map((child) => [sha256Digest(child), build(child)]))
  return indexSide(sha256Digest(text), analyzeManifest(text), (digest) => builds.get(digest))
}

describe('compareSides', () => {
  it('counts shared base layers and a rebuilt app layer, with the size delta', () => {
    expect(compareSides(build(pr), build(prod), 'prod')).toEqual({
      baseline: 'prod',
      changed: true,
      digest: sha256Digest(pr),
      baselineDigest: sha256Digest(prod),
      size: 36_501_000,
      baselineSize: 35_001_000,
      sizeDelta: 1_500_000,
      layersAdded: 1,
      layersRemoved: 1,
      layersShared: 2
    })
  })

  it('says unchanged for identical digests', () => {
    const change = compareSides(build(prod), build(prod), 'prod')
    expect(change).toMatchObject({ changed: false, sizeDelta: 0, layersAdded: 0, layersShared: 3 })
  })

  it('makes an image without a baseline new, every layer added', () => {
    expect(compareSides(build(pr), undefined, 'prod')).toEqual({
      baseline: 'prod',
      new: true,
      changed: true,
      digest: sha256Digest(pr),
      size: 36_501_000,
      layersAdded: 3
    })
  })

  it('matches platforms by normalised platform and lists those added and removed', () => {
    const arm = imageManifest('arm', [['arm base', 3_000_000]])
    const old386 = imageManifest('386', [['386 base', 3_000_000]])
    const armv7 = imageManifest('armv7', [['armv7 base', 2_000_000]])
    const before = index([
      [prod, { os: 'linux', architecture: 'amd64' }],
      [arm, { os: 'linux', architecture: 'aarch64' }],
      [old386, { os: 'linux', architecture: '386' }]
    ])
    const after = index([
      [pr, { os: 'linux', architecture: 'x86_64' }],
      [arm, { os: 'linux', architecture: 'arm64', variant: 'v8' }],
      [armv7, { os: 'linux', architecture: 'arm', variant: 'v7' }]
    ])
    const change = compareSides(
      indexSideOf(after, [pr, arm, armv7]),
      indexSideOf(before, [prod, arm, old386]),
      'prod'
    )
    expect(change.platformsAdded).toEqual(['linux/arm/v7'])
    expect(change.platformsRemoved).toEqual(['linux/386'])
    expect(change.changed).toBe(true)
    expect(change.platforms?.['linux/x86_64']).toMatchObject({
      changed: true,
      sizeDelta: 1_500_000
    })
    expect(change.platforms?.['linux/arm64/v8']).toMatchObject({ changed: false, layersShared: 1 })
    expect(change.platforms?.['linux/arm/v7']).toEqual({
      new: true,
      changed: true,
      digest: sha256Digest(armv7),
      size: 2_001_000,
      layersAdded: 1
    })
    expect(sizeGrowths(change)).toEqual([
      { platform: 'linux/x86_64', size: 36_501_000, baselineSize: 35_001_000 },
      { platform: 'linux/arm64/v8', size: 3_001_000, baselineSize: 3_001_000 }
    ])
  })

  it('claims no sizes or layers for a platform whose manifest was not fetched, and says so', () => {
    const before = index([[prod, { os: 'linux', architecture: 'amd64' }]])
    const after = index([[pr, { os: 'linux', architecture: 'amd64' }]])
    const change = compareSides(indexSideOf(after, []), indexSideOf(before, []), 'prod')
    expect(change.platforms?.['linux/amd64']).toEqual({
      changed: true,
      digest: sha256Digest(pr),
      baselineDigest: sha256Digest(prod),
      sizeProblem:
        `the image's linux/amd64 manifest ${sha256Digest(pr)}: not fetched; ` +
        `the baseline's linux/amd64 manifest ${sha256Digest(prod)}: not fetched`
    })
    expect(sizeGrowths(change)).toEqual([])
    expect(sizeGaps(change)).toEqual([
      { platform: 'linux/amd64', reason: change.platforms?.['linux/amd64']?.sizeProblem }
    ])
  })
})

describe('sizes that cannot be compared', () => {
  const noSize = imageManifest('no size', [['base', 30_000_000]]).replace('"size":30000000,', '')
  const amd64 = { os: 'linux', architecture: 'amd64' }

  it('names the layer without a size, on either side', () => {
    const change = compareSides(build(noSize), build(prod), 'prod')
    expect(change.size).toBeUndefined()
    expect(change.sizeProblem).toBe(
      `the image's manifest ${sha256Digest(noSize)}: size not computed: layer #0 ` +
        `(${layer('base')}) has no size`
    )
    const reverse = compareSides(build(prod), build(noSize), 'prod')
    expect(reverse.sizeProblem).toMatch(/^the baseline's manifest sha256:\w+: size not computed/)
    expect(sizeGaps(change)).toEqual([{ reason: change.sizeProblem }])
  })

  it('needs no size to say an image of the same digest did not grow', () => {
    const change = compareSides(build(noSize), build(noSize), 'prod')
    expect(change).toMatchObject({ changed: false })
    expect(change.sizeProblem).toBeUndefined()
    expect(sizeGaps(change)).toEqual([])
  })

  it('does not pair a multi-arch image with a single one, either way round', () => {
    const multi = indexSideOf(index([[pr, amd64]]), [pr])
    const change = compareSides(multi, build(prod), 'prod')
    expect(change).toMatchObject({ changed: true, baselineDigest: sha256Digest(prod) })
    expect(change.sizeProblem).toMatch(
      /^the image is a multi-arch index and the baseline a single image, so their sizes do not pair; set platform/
    )
    expect(compareSides(build(pr), multi, 'prod').sizeProblem).toMatch(
      /^the image is a single image and the baseline a multi-arch index/
    )
  })

  it('compares a platform of an index with a single image through the platform asked', () => {
    const multi = indexSideOf(index([[pr, amd64]]), [pr])
    const change = comparePlatform(multi, build(prod), 'prod', {
      platform: 'linux/amd64',
      image: build(pr),
      baseline: build(prod)
    })
    expect(change.platforms).toEqual({
      'linux/amd64': expect.objectContaining({ size: 36_501_000, baselineSize: 35_001_000 })
    })
    expect(sizeGrowths(change)).toEqual([
      { platform: 'linux/amd64', size: 36_501_000, baselineSize: 35_001_000 }
    ])
    const unverified = comparePlatform(multi, build(prod), 'prod', {
      platform: 'linux/amd64',
      image: build(pr),
      baseline: 'no linux/amd64 in team/shop prod; it has linux/arm64'
    })
    expect(sizeGaps(unverified)).toEqual([
      { reason: 'the baseline: no linux/amd64 in team/shop prod; it has linux/arm64' }
    ])
  })

  it('says nothing was measured when no platform of the image is in the baseline', () => {
    const arm = imageManifest('arm', [['arm base', 3_000_000]])
    const change = compareSides(
      indexSideOf(index([[pr, amd64]]), [pr]),
      indexSideOf(index([[arm, { os: 'linux', architecture: 'arm64' }]]), [arm]),
      'prod'
    )
    expect(sizeGrowths(change)).toEqual([])
    expect(sizeGaps(change)).toEqual([
      { reason: "none of the image's platforms (linux/amd64) is in the baseline" }
    ])
    const empty = compareSides(
      indexSideOf(index([]), []),
      indexSideOf(index([[arm, amd64]]), [arm]),
      'prod'
    )
    expect(sizeGaps(empty)).toEqual([{ reason: 'the image lists no platform' }])
  })

  it('names an index entry the analysis had to skip', () => {
    const text = JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.index.v1+json',
      manifests: [
        { digest: sha256Digest(pr), platform: amd64 },
        { digest: 'sha256:abc', platform: { os: 'linux', architecture: 'arm64' } }
      ]
    })
    const change = compareSides(
      indexSideOf(text, [pr]),
      indexSideOf(index([[prod, amd64]]), [prod]),
      'prod'
    )
    expect(sizeGaps(change)).toEqual([
      {
        reason: `the image's index ${sha256Digest(text)}: index entries without a sha256 digest were skipped: #1`
      }
    ])
  })

  it('names a schema 1 or an index where an image is expected', () => {
    const schema1 = JSON.stringify({ schemaVersion: 1, fsLayers: [] })
    expect(buildOf(sha256Digest(schema1), analyzeManifest(schema1), schema1)).toEqual({
      digest: sha256Digest(schema1),
      sizeProblem: 'a Docker schema 1 manifest, which lists no layer sizes'
    })
    const nested = index([[pr, amd64]])
    expect(buildOf(sha256Digest(nested), analyzeManifest(nested), nested)?.sizeProblem).toBe(
      'a multi-arch index, not an image'
    )
  })
})

describe('layerDigests', () => {
  it('reads layer digests, and refuses any that is not a sha256 digest', () => {
    expect(layerDigests(prod)).toEqual([layer('base'), layer('deps'), layer('app 1')])
    expect(layerDigests('{"layers":[{"digest":"sha256:abc"}]}')).toBeUndefined()
    expect(layerDigests('not json')).toBeUndefined()
  })
})

describe('compare inputs', () => {
  it.each([
    ['10%', { percent: 10, text: '10%' }],
    ['2.5 %', { percent: 2.5, text: '2.5 %' }],
    ['50MB', { bytes: 50_000_000, text: '50MB' }],
    ['50MiB', { bytes: 52_428_800, text: '50MiB' }],
    ['500kB', { bytes: 500_000, text: '500kB' }],
    ['1024', { bytes: 1024, text: '1024' }]
  ])('parses %s', (text, limit) => {
    expect(parseSizeLimit(text)).toEqual({ ok: true, value: limit })
  })

  it.each(['ten percent', '-5%', '50 parsecs', '%', ''])('refuses %j', (text) => {
    const parsed = parseSizeLimit(text)
    expect(parsed.ok).toBe(false)
    if (!parsed.ok) expect(parsed.problems[0]).toMatch(/^max-size-increase: .*\(10%\)/)
  })

  it('takes a tag or a digest as compare-to, checked as image ids are', () => {
    const digest = sha256Digest('x')
    expect(parseCompareInputs('prod', '')).toEqual({
      ok: true,
      value: { baseline: { imageTag: 'prod' }, label: 'prod' }
    })
    expect(parseCompareInputs(digest, '5MB')).toEqual({
      ok: true,
      value: {
        baseline: { imageDigest: digest },
        label: digest,
        maxSizeIncrease: { bytes: 5_000_000, text: '5MB' }
      }
    })
    expect(parseCompareInputs('', '')).toEqual({ ok: true, value: undefined })
  })

  it('reports a bad baseline, a bad gate and a gate without baseline', () => {
    expect(parseCompareInputs('team/api:prod', '10 %%')).toEqual({
      ok: false,
      problems: [
        expect.stringMatching(/^compare-to: "team\/api:prod" looks like an image reference/),
        expect.stringMatching(/^max-size-increase: "10 %%" is not a percentage/)
      ]
    })
    expect(parseCompareInputs('sha256:abc', '')).toMatchObject({
      ok: false,
      problems: [expect.stringMatching(/^compare-to: the digest "sha256:abc" has 3 hex digits/)]
    })
    expect(parseCompareInputs('', '10%')).toMatchObject({
      ok: false,
      problems: [expect.stringMatching(/compare-to is not; name the baseline/)]
    })
  })
})

const request: ImageLookup = {
  key: 'pr-123',
  region: 'us-east-1',
  repositoryName: 'team/shop',
  imageTag: 'pr-123'
}
const found: ImageResult = {
  request,
  image: { imageId: { imageDigest: sha256Digest(pr) }, imageManifest: pr }
}
const gated = (maxSizeIncrease: Policies['compare']): Policies => ({
  ifMissing: 'fail',
  ifExists: 'ignore',
  ...(maxSizeIncrease ? { compare: maxSizeIncrease } : {})
})
const growth = [{ size: 36_501_000, baselineSize: 35_001_000 }]

describe('the size gate (verdict.ts)', () => {
  it('fails growth beyond a percentage, with both sizes and the increase', () => {
    const verdict = judge(
      found,
      gated({ label: 'prod', maxSizeIncrease: { percent: 4, text: '4%' } }),
      { growth }
    )
    expect(verdict).toMatchObject({
      status: 'failed',
      code: 'SizeIncreaseExceeded',
      failsJob: true
    })
    expect(verdict.annotations).toEqual([
      {
        level: 'error',
        title: 'team/shop pr-123',
        message: '35 MB → 36.5 MB (+1.5 MB, +4.3 %) against prod, more than max-size-increase 4%'
      }
    ])
  })

  it('passes growth within a size, and at exactly the limit', () => {
    const within = gated({ label: 'prod', maxSizeIncrease: { bytes: 1_500_000, text: '1.5MB' } })
    expect(judge(found, within, { growth })).toMatchObject({ status: 'found', failsJob: false })
    const percent = gated({ label: 'prod', maxSizeIncrease: { percent: 5, text: '5%' } })
    expect(judge(found, percent, { growth }).failsJob).toBe(false)
  })

  it('names the platform that grew', () => {
    const limit = gated({ label: 'prod', maxSizeIncrease: { bytes: 0, text: '0' } })
    const verdict = judge(found, limit, {
      growth: [{ platform: 'linux/arm64', size: 2, baselineSize: 1 }]
    })
    expect(verdict.reason).toBe(
      'linux/arm64: 1 B → 2 B (+1 B, +100.0 %) against prod, more than max-size-increase 0'
    )
  })

  it('only warns about a baseline it could not read when there is no max-size-increase', () => {
    const unread = judge(found, gated({ label: 'prod' }), { baselineProblem: 'KmsError: no key' })
    expect(unread).toMatchObject({ status: 'found', failsJob: false })
    expect(unread.annotations).toEqual([
      {
        level: 'warning',
        title: 'team/shop pr-123',
        message: 'not compared with prod: KmsError: no key'
      }
    ])
    const absent = judge(found, gated({ label: 'prod' }), { baselineMissing: true })
    expect(absent).toMatchObject({ status: 'found', failsJob: false, annotations: [] })
  })
})

describe('a size gate that cannot measure (verdict.ts)', () => {
  const limit = gated({ label: 'prod', maxSizeIncrease: { percent: 10, text: '10%' } })

  it('fails the id when the baseline could not be read, naming the failure', () => {
    const verdict = judge(found, limit, { baselineProblem: 'KmsError: no key' })
    expect(verdict).toMatchObject({ status: 'failed', failsJob: true, code: 'SizeNotComparable' })
    expect(verdict.reason).toBe(
      'could not read the baseline prod, so max-size-increase 10% cannot be checked: KmsError: no key'
    )
    expect(verdict.annotations).toEqual([
      { level: 'error', title: 'team/shop pr-123', message: verdict.reason }
    ])
  })

  it('fails the id when the baseline does not exist, saying what to do', () => {
    const verdict = judge(found, limit, { baselineMissing: true })
    expect(verdict.code).toBe('SizeNotComparable')
    expect(verdict.reason).toBe(
      'team/shop has no image prod (ImageNotFound) to measure growth against, so ' +
        'max-size-increase 10% cannot be checked; push prod first, set compare-to to an image ' +
        'the repository has, or leave max-size-increase unset until it has one'
    )
  })

  it('fails each size it could not measure, and still judges those it could', () => {
    const verdict = judge(found, limit, {
      growth: [{ platform: 'linux/amd64', size: 200, baselineSize: 100 }],
      gaps: [{ platform: 'linux/arm64', reason: "the baseline's linux/arm64 manifest x: gone" }]
    })
    expect(verdict.codes).toEqual(['SizeNotComparable', 'SizeIncreaseExceeded'])
    expect(verdict.annotations.map((a) => a.message)).toEqual([
      "linux/arm64: size not compared with prod, so max-size-increase 10% cannot be checked: the baseline's linux/arm64 manifest x: gone",
      expect.stringMatching(/^linux\/amd64: 100 B → 200 B/)
    ])
  })

  it('passes when every size was measured within the limit', () => {
    const verdict = judge(found, limit, { growth: [{ size: 105, baselineSize: 100 }], gaps: [] })
    expect(verdict).toMatchObject({ status: 'found', failsJob: false })
  })
})

describe('the changes report', () => {
  const verdicts = [
    judge(found, gated(undefined)),
    judge(
      { ...found, request: { ...request, key: 'pr-100', imageTag: 'pr-100' } },
      gated(undefined)
    ),
    judge({ ...found, request: { ...request, key: 'gone' } }, gated(undefined))
  ]
  const changes = [
    compareSides(build(pr), build(prod), 'prod'),
    compareSides(build(prod), build(prod), 'prod'),
    undefined
  ]
  const entries = changeEntries(verdicts, changes)

  it('keys the outputs by id as written and says whether anything changed', () => {
    const outputs = changeOutputs(entries)
    expect(Object.keys(JSON.parse(outputText(outputs.changes!)) as object)).toEqual([
      'pr-123',
      'pr-100'
    ])
    expect(outputs.changed).toBe('true')
    expect(changeOutputs(entries.slice(1)).changed).toBe('false')
  })

  it('shows before → after with the delta, and folds the unchanged images into one line', () => {
    const section = renderChanges(entries, 'prod')(100_000)
    expect(section).toContain('### Changes against `prod`\n')
    expect(section).toContain(
      '| team/shop pr-123 | 🔺 changed | 35 MB → 36.5 MB | +1.5 MB, +4.3 % | 1 added, 1 removed, 2 shared | — |'
    )
    expect(section).toContain('**Unchanged (1):** team/shop pr-100.')
    expect(section).not.toContain('| team/shop pr-100 |')
  })

  it('stays within its budget, saying what it left out', () => {
    const many = Array.from({ length: 200 }, (_, i) => ({ ...entries[0]!, id: `pr-${i}` }))
    const section = renderChanges(many, 'prod')(5000)
    expect(Buffer.byteLength(section)).toBeLessThanOrEqual(5000)
    expect(section).toMatch(/> \*\*\d+ more changed images:\*\* the `changes` output/)
    expect(renderChanges(many, 'prod')(10)).toBe('')
  })

  it('writes signed deltas', () => {
    expect(sizeChange(900, 1000)).toBe('-100 B, -10.0 %')
    expect(sizeChange(5, 0)).toBe('+5 B')
    expect(sizeChange(7, 7)).toBe('±0 B, ±0.0 %')
  })
})

describe('compareWithBaselines: what each child answer says about its size', () => {
  const amd64 = { os: 'linux', architecture: 'amd64' }
  const arm64 = { os: 'linux', architecture: 'arm64' }
  const armPr = imageManifest('arm pr', [['arm', 2_000_000]])
  const armProd = imageManifest('arm prod', [['arm', 1_900_000]])
  const after = index([
    [pr, amd64],
    [armPr, arm64]
  ])
  const before = index([
    [prod, amd64],
    [armProd, arm64]
  ])
  const settings = {
    baseline: { imageTag: 'prod' },
    label: 'prod',
    maxSizeIncrease: { percent: 10, text: '10%' }
  }
  const answer = (text: string, tag?: string): ImageResult => ({
    request: {
      ...request,
      key: tag ?? sha256Digest(text),
      ...(tag ? { imageTag: tag } : { imageTag: undefined, imageDigest: sha256Digest(text) })
    },
    image: { imageId: { imageDigest: sha256Digest(text) }, imageManifest: text }
  })
  const child = (text: string, answered: Partial<ImageResult> = {}): ImageResult => {
    const { image: _image, ...asked } = answer(text)
    return { ...asked, ...(answered.failure || answered.error ? answered : answer(text)) }
  }
  const compare = (children: ImageResult[]) =>
    compareWithBaselines(
      inspect([answer(after, 'pr-123')], undefined),
      inspect([answer(before, 'prod')], undefined),
      children,
      settings
    )[0]!

  it('measures every platform whose children came back', () => {
    const change = compare([child(pr), child(armPr), child(prod), child(armProd)])
    expect(comparisonFacts(change)).toEqual({
      growth: [
        { platform: 'linux/amd64', size: 36_501_000, baselineSize: 35_001_000 },
        { platform: 'linux/arm64', size: 2_001_000, baselineSize: 1_901_000 }
      ],
      gaps: []
    })
  })

  it.each([
    [
      'not in the repository',
      { failure: { failureCode: 'ImageNotFound', failureReason: 'Requested image not found' } },
      'not in the repository (ImageNotFound: Requested image not found)'
    ],
    [
      'answered with another failure',
      { failure: { failureCode: 'KmsError', failureReason: 'key disabled' } },
      'KmsError: key disabled'
    ],
    [
      'in a call that failed as a whole',
      { error: Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }) },
      'ECR kept throttling BatchGetImage for'
    ]
  ])('names a baseline child %s', (_, answered, said) => {
    const change = compare([child(pr), child(armPr), child(prod), child(armProd, answered)])
    const facts = comparisonFacts(change)
    expect(facts.growth).toEqual([
      { platform: 'linux/amd64', size: 36_501_000, baselineSize: 35_001_000 }
    ])
    expect(facts.gaps).toEqual([
      {
        platform: 'linux/arm64',
        reason: expect.stringContaining(
          `the baseline's linux/arm64 manifest ${sha256Digest(armProd)}: ${said}`
        )
      }
    ])
  })

  it('names a child whose manifest hashes to another digest', () => {
    const tampered: ImageResult = {
      ...child(armPr),
      image: { imageId: { imageDigest: sha256Digest(armPr) }, imageManifest: armProd }
    }
    const facts = comparisonFacts(compare([child(pr), tampered, child(prod), child(armProd)]))
    expect(facts.gaps).toEqual([
      {
        platform: 'linux/arm64',
        reason:
          `the image's linux/arm64 manifest ${sha256Digest(armPr)}: integrity check failed: the ` +
          `manifest returned for ${sha256Digest(armPr)} hashes to ${sha256Digest(armProd)}; the ` +
          'registry or something between returned a different manifest than the one asked for'
      }
    ])
  })

  it('says the baseline is missing, or could not be read, for the gate to judge', () => {
    const image = inspect([answer(pr, 'pr-123')], undefined)
    const notFound: ImageResult = {
      request: { ...request, key: 'prod', imageTag: 'prod' },
      failure: { failureCode: 'ImageNotFound' }
    }
    const kms: ImageResult = { ...notFound, failure: { failureCode: 'KmsError' } }
    const [absent] = compareWithBaselines(image, inspect([notFound], undefined), [], settings)
    expect(comparisonFacts(absent)).toEqual({ baselineMissing: true })
    const [unread] = compareWithBaselines(image, inspect([kms], undefined), [], settings)
    expect(comparisonFacts(unread)).toEqual({ baselineProblem: 'KmsError' })
  })

  it('with a platform, pairs an index with a single baseline only once its config said its platform', () => {
    const platform = { os: 'linux', architecture: 'amd64' }
    const images = inspect([answer(after, 'pr-123')], platform)
    const baseline = inspect([answer(prod, 'prod')], platform)
    const children = [child(pr), child(armPr)]
    expect(baselinesToVerify(images, baseline, platform)).toEqual([0])
    expect(baselinesToVerify(images, baseline, undefined)).toEqual([])
    // Not read: its platform is only what inspect assumed of a single image.
    const [unverified] = compareWithBaselines(images, baseline, children, settings, platform)
    expect(comparisonFacts(unverified).gaps).toEqual([
      { reason: 'the baseline: its platform was not verified from its config' }
    ])
    const verified = [
      { ...baseline[0]!, config: { os: 'linux', architecture: 'amd64', labels: {} } }
    ]
    const [paired] = compareWithBaselines(images, verified, children, settings, platform)
    expect(comparisonFacts(paired)).toEqual({
      growth: [{ platform: 'linux/amd64', size: 36_501_000, baselineSize: 35_001_000 }],
      gaps: []
    })
    const { platformDigest: _wrong, ...another } = verified[0]!
    const [refused] = compareWithBaselines(
      images,
      [
        {
          ...another,
          configProblem: { code: 'PlatformNotFound', reason: 'no linux/amd64 in team/shop prod' }
        }
      ],
      children,
      settings,
      platform
    )
    expect(comparisonFacts(refused).gaps).toEqual([
      { reason: 'the baseline: no linux/amd64 in team/shop prod' }
    ])
  })
})
