// compare-to: one baseline lookup per image id (the same repository at the compare-to tag or
// digest), and each image's change against what came back. Loaded only when compare-to is set.

import { isNotFound } from '../ecr/results.js'
import { errorMessage } from '../errors.js'
import type { CompareSettings } from '../inputs/compare.js'
import type { ImageLookup, ImageResult } from '../types.js'
import {
  buildOf,
  compareSides,
  indexSide,
  sizeGrowths,
  type Build,
  type ImageChange,
  type Side
} from './compare.js'
import { childKey, verifiedManifest, type InspectedResult } from './inspect.js'
import { integrityProblem } from './integrity.js'
import type { ComparisonFacts } from './verdict.js'

/** The baseline of each lookup, in the lookups' order; planCalls groups them with the images. */
export function baselineLookups(lookups: ImageLookup[], settings: CompareSettings): ImageLookup[] {
  return lookups.map(({ key: _key, imageTag: _tag, imageDigest: _digest, ...target }) => ({
    ...target,
    key: settings.label,
    ...settings.baseline
  }))
}

/** The build of every child manifest fetched, by repository and digest. */
function childBuilds(
  children: ImageResult[]
): (target: ImageLookup, digest: string) => Build | undefined {
  const builds = new Map<string, Build>()
  for (const child of children) {
    const { image, request } = child
    const info = verifiedManifest(child)
    if (!info || !image?.imageManifest || !request.imageDigest) continue
    const build = buildOf(request.imageDigest, info, image.imageManifest)
    if (build) builds.set(childKey(request, request.imageDigest), build)
  }
  return (target, digest) => builds.get(childKey(target, digest))
}

function sideOf(
  entry: InspectedResult,
  childBuild: ReturnType<typeof childBuilds>
): Side | undefined {
  const { result, manifest } = entry
  const digest = result.image?.imageId?.imageDigest
  if (manifest?.kind === 'index' && digest) {
    return indexSide(digest, manifest, (child) => childBuild(result.request, child))
  }
  return buildOf(digest, manifest, result.image?.imageManifest)
}

/** Why a baseline that did not come back as an image cannot be compared; undefined when it can. */
function baselineProblem(result: ImageResult): string | undefined {
  if (result.error) return errorMessage(result.error)
  if (result.failure) {
    const { failureCode = 'UnknownFailure', failureReason } = result.failure
    return failureReason ? `${failureCode}: ${failureReason}` : failureCode
  }
  return integrityProblem(result)
}

/**
 * Each image's change against its baseline, in the images' order; undefined for an image that
 * did not come back (it has nothing to compare). A baseline ECR does not have makes the image new.
 */
export function compareWithBaselines(
  images: InspectedResult[],
  baselines: InspectedResult[],
  children: ImageResult[],
  settings: CompareSettings
): (ImageChange | undefined)[] {
  const childBuild = childBuilds(children)
  return images.map((image, index) => {
    const side = image.manifest ? sideOf(image, childBuild) : undefined
    const baseline = baselines[index]
    if (!side || !baseline) return undefined
    if (isNotFound(baseline.result)) return compareSides(side, undefined, settings.label)
    const problem = baselineProblem(baseline.result)
    const before = problem === undefined ? sideOf(baseline, childBuild) : undefined
    if (!before) {
      const why = problem ?? 'the baseline has no valid digest'
      return { baseline: settings.label, digest: side.digest, problem: why }
    }
    return compareSides(side, before, settings.label)
  })
}

/** What verdict.ts judges of a change: the sizes to gate and a comparison that failed. */
export function comparisonFacts(change: ImageChange | undefined): ComparisonFacts {
  if (!change) return {}
  return change.problem !== undefined
    ? { baselineProblem: change.problem }
    : { growth: sizeGrowths(change) }
}

/** compare-to's part of the pipeline, bound to its settings. */
export function comparison(settings: CompareSettings) {
  return {
    label: settings.label,
    baselines: (lookups: ImageLookup[]) => baselineLookups(lookups, settings),
    compare: (images: InspectedResult[], baselines: InspectedResult[], children: ImageResult[]) =>
      compareWithBaselines(images, baselines, children, settings),
    facts: comparisonFacts
  }
}
