// compare-to: one baseline lookup per image id (the same repository at the compare-to tag or
// digest), and each image's change against what came back. Loaded only when compare-to is set.

import { describeCallError } from '../ecr/call-errors.js'
import { IMAGE_NOT_FOUND, isNotFound } from '../ecr/results.js'
import type { CompareSettings } from '../inputs/compare.js'
import { formatPlatform, type Platform } from '../platform.js'
import { clip } from '../text.js'
import type { ImageLookup, ImageResult } from '../types.js'
import {
  buildOf,
  compareSides,
  comparePlatform,
  indexSide,
  sizeGaps,
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

/** Registry text in a reason: long enough to say what went wrong, never a wall of it. */
const REASON_CHARS = 300

/**
 * Why an answer gives no manifest to measure, in words that follow "the manifest …: ": the
 * call's error, ECR's failure, or a failed integrity check; undefined when it gives one.
 */
function answerProblem(result: ImageResult): string | undefined {
  if (result.error) return describeCallError(result.error, result.request)
  if (result.failure) {
    const { failureCode = 'UnknownFailure', failureReason } = result.failure
    const said = failureReason
      ? `${failureCode}: ${clip(failureReason, REASON_CHARS)}`
      : failureCode
    return failureCode === IMAGE_NOT_FOUND ? `not in the repository (${said})` : said
  }
  return integrityProblem(result)
}

/** The build of every child manifest fetched, by repository and digest; why not, for the others. */
function childBuilds(children: ImageResult[]): (target: ImageLookup, digest: string) => Build {
  const builds = new Map<string, Build>()
  for (const child of children) {
    const digest = child.request.imageDigest
    if (!digest) continue
    const problem = answerProblem(child)
    const build =
      problem === undefined
        ? buildOf(digest, verifiedManifest(child), child.image?.imageManifest)
        : { digest, sizeProblem: problem }
    if (build) builds.set(childKey(child.request, digest), build)
  }
  return (target, digest) =>
    builds.get(childKey(target, digest)) ?? { digest, sizeProblem: 'not fetched' }
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
  return isNotFound(result) ? undefined : answerProblem(result)
}

/**
 * The image of the platform asked for on one side of a single/multi-arch pair, or why there is
 * none: an index's child as `platform` picked it (inspect.ts), a single image only when its config
 * said it is of that platform (read-configs.ts keeps its platformDigest only then).
 */
function platformImage(
  entry: InspectedResult,
  side: Side
): { platform?: string; build: Build } | string {
  if (side.platforms) {
    const picked = [...side.platforms.values()].find(
      ({ build }) => build.digest === entry.platformDigest
    )
    return (
      picked ?? entry.platformProblem ?? entry.configProblem?.reason ?? 'it has no such platform'
    )
  }
  if (entry.config && entry.platformDigest === side.digest) return { build: side }
  return entry.configProblem?.reason ?? 'its platform was not verified from its config'
}

/** A single image and a multi-arch one, compared through the platform asked for. */
function pairedChange(
  image: { entry: InspectedResult; side: Side },
  baseline: { entry: InspectedResult; side: Side },
  platform: Platform,
  label: string
): ImageChange {
  const mine = platformImage(image.entry, image.side)
  const theirs = platformImage(baseline.entry, baseline.side)
  const named = [mine, theirs].find((pick) => typeof pick !== 'string' && pick.platform)
  return comparePlatform(image.side, baseline.side, label, {
    platform: (typeof named === 'string' ? undefined : named?.platform) ?? formatPlatform(platform),
    image: typeof mine === 'string' ? mine : mine.build,
    baseline: typeof theirs === 'string' ? theirs : theirs.build
  })
}

/**
 * The baselines whose config must be read to pair them: with `platform`, a single-image baseline
 * of a multi-arch image is compared with the index's image of that platform, so its own platform
 * must be verified first. Indexes into `baselines`.
 */
export function baselinesToVerify(
  images: InspectedResult[],
  baselines: InspectedResult[],
  platform: Platform | undefined
): number[] {
  if (!platform) return []
  return baselines.flatMap((baseline, index) =>
    images[index]?.manifest?.kind === 'index' && baseline.manifest?.kind === 'image' ? [index] : []
  )
}

/**
 * Each image's change against its baseline, in the images' order; undefined for an image that
 * did not come back (it has nothing to compare). A baseline ECR does not have makes the image new.
 * With `platform`, a single image and a multi-arch one are compared through that platform.
 */
export function compareWithBaselines(
  images: InspectedResult[],
  baselines: InspectedResult[],
  children: ImageResult[],
  settings: CompareSettings,
  platform?: Platform
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
    if (platform && Boolean(side.platforms) !== Boolean(before.platforms))
      return pairedChange(
        { entry: image, side },
        { entry: baseline, side: before },
        platform,
        settings.label
      )
    return compareSides(side, before, settings.label)
  })
}

/** What verdict.ts judges of a change: the sizes to gate, those that could not be, and why. */
export function comparisonFacts(change: ImageChange | undefined): ComparisonFacts {
  if (!change) return {}
  if (change.problem !== undefined) return { baselineProblem: change.problem }
  if (change.new) return { baselineMissing: true }
  return { growth: sizeGrowths(change), gaps: sizeGaps(change) }
}

/** compare-to's part of the pipeline, bound to its settings. */
export function comparison(settings: CompareSettings) {
  return {
    label: settings.label,
    baselines: (lookups: ImageLookup[]) => baselineLookups(lookups, settings),
    toVerify: baselinesToVerify,
    compare: (
      images: InspectedResult[],
      baselines: InspectedResult[],
      children: ImageResult[],
      platform?: Platform
    ) => compareWithBaselines(images, baselines, children, settings, platform),
    facts: comparisonFacts
  }
}
