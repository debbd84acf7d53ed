// compare-to without the ECR server: the comparison of two sides (shared base layers, a rebuilt
// app layer, platforms added and removed, identical digests, a new image), the inputs, the size
// gate in verdict.ts, and the "Changes against" section's wording and size budget.
import { describe, expect, it } from '@jest/globals'
import { parseCompareInputs, parseSizeLimit } from '../../src/inputs/compare.js'
import {
  buildOf,
  compareSides,
  indexSide,
  layerDigests,
  sizeGrowths,
  type Build
} from '../../src/insight/compare.js'
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

  it('claims no sizes or layers for a platform whose manifest was not fetched', () => {
    const before = index([[prod, { os: 'linux', architecture: 'amd64' }]])
    const after = index([[pr, { os: 'linux', architecture: 'amd64' }]])
    const change = compareSides(indexSideOf(after, []), indexSideOf(before, []), 'prod')
    expect(change.platforms?.['linux/amd64']).toEqual({
      changed: true,
      digest: sha256Digest(pr),
      baselineDigest: sha256Digest(prod)
    })
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

  it('names the platform that grew, and warns when the baseline could not be read', () => {
    const limit = gated({ label: 'prod', maxSizeIncrease: { bytes: 0, text: '0' } })
    const verdict = judge(found, limit, {
      growth: [{ platform: 'linux/arm64', size: 2, baselineSize: 1 }]
    })
    expect(verdict.reason).toBe(
      'linux/arm64: 1 B → 2 B (+1 B, +100.0 %) against prod, more than max-size-increase 0'
    )
    const unread = judge(found, limit, { baselineProblem: 'KmsError: no key' })
    expect(unread).toMatchObject({ status: 'found', failsJob: false })
    expect(unread.annotations).toEqual([
      {
        level: 'warning',
        title: 'team/shop pr-123',
        message: 'not compared with prod: KmsError: no key'
      }
    ])
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
