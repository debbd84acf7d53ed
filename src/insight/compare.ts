// What an image changes against its baseline (compare-to), from the manifests alone: no pull, no
// extra permission. Pure: sides in, facts out. Whether growth fails the job is verdict.ts's call.

import { isPlainObject } from '../json.js'
import { formatPlatform } from '../platform.js'
import type { ManifestInfo, PlatformManifest } from './manifest-types.js'
import { normalizePlatform } from './platform-match.js'

import { DIGEST_PATTERN } from '../media-types.js'

/** One runnable image as pushed: its digest, compressed size and layer digests, when known. */
export interface Build {
  digest: string
  size?: number
  /** Why there is no size: the manifest could not be read, or which of its sizes is wrong. */
  sizeProblem?: string
  layers?: string[]
}

/** One side of a comparison: a single image, or an index with its platforms' builds. */
export interface Side extends Build {
  /** Multi-arch: by normalised platform, the platform as the index writes it and its build. */
  platforms?: Map<string, { platform: string; build: Build }>
  /** Multi-arch: what the analysis of the index found wrong (entries it had to skip). */
  indexProblem?: string
}

/** How one build differs from its baseline. Sizes and layers only where both sides say them. */
export interface BuildChange {
  changed: boolean
  digest: string
  baselineDigest?: string
  size?: number
  baselineSize?: number
  sizeDelta?: number
  /** Why the sizes were not compared: which side's manifest, and what it lacks. */
  sizeProblem?: string
  layersAdded?: number
  layersRemoved?: number
  layersShared?: number
}

export interface PlatformChange extends BuildChange {
  /** The baseline has no such platform. */
  new?: true
}

/** One image id against its baseline: the `changes` output's value for that id. */
export interface ImageChange extends Partial<BuildChange> {
  /** `compare-to` as written. */
  baseline: string
  /** No image at the baseline: everything is new. */
  new?: true
  /** Why no comparison could be made (the baseline could not be read); nothing is claimed then. */
  problem?: string
  platforms?: Record<string, PlatformChange>
  platformsAdded?: string[]
  platformsRemoved?: string[]
}

/** The layer digests of a single-image manifest; undefined when any is not a sha256 digest. */
export function layerDigests(manifest: string): string[] | undefined {
  let parsed: unknown
  try {
    parsed = JSON.parse(manifest)
  } catch {
    return undefined
  }
  const layers = isPlainObject(parsed) ? parsed['layers'] : undefined
  if (!Array.isArray(layers)) return undefined
  const digests = layers.map((layer) => (isPlainObject(layer) ? layer['digest'] : undefined))
  return digests.every((digest) => typeof digest === 'string' && DIGEST_PATTERN.test(digest))
    ? (digests as string[])
    : undefined
}

/** Why a manifest gives no image size; undefined when it gives one. */
function sizeProblemOf(info: ManifestInfo | undefined): string | undefined {
  if (info === undefined) return 'no manifest came back'
  switch (info.kind) {
    case 'image':
      return info.size === undefined ? (info.problem ?? 'size not computed') : undefined
    case 'index':
      return 'a multi-arch index, not an image'
    case 'schema1':
      return 'a Docker schema 1 manifest, which lists no layer sizes'
    default:
      return `not an image manifest (${info.problem ?? 'unknown kind'})`
  }
}

/** A single image's build from its analysis and manifest text; undefined for a bad digest. */
export function buildOf(
  digest: string | undefined,
  info: ManifestInfo | undefined,
  manifest: string | undefined
): Build | undefined {
  if (!digest || !DIGEST_PATTERN.test(digest)) return undefined
  const layers = info?.kind === 'image' && manifest ? layerDigests(manifest) : undefined
  const sizeProblem = sizeProblemOf(info)
  return {
    digest,
    ...(sizeProblem === undefined ? { size: info!.size! } : { sizeProblem }),
    ...(layers ? { layers } : {})
  }
}

/** The key platforms are matched by: containerd's normalisation, plus the Windows `os.version`. */
export function platformKey(platform: PlatformManifest): string {
  const normal = formatPlatform(normalizePlatform(platform))
  return platform.osVersion ? `${normal} ${platform.osVersion}` : normal
}

/** An index's side: each runnable platform (attestations are not) with its child's build. */
export function indexSide(
  digest: string,
  info: ManifestInfo,
  childBuild: (digest: string) => Build | undefined
): Side {
  const platforms = new Map<string, { platform: string; build: Build }>()
  for (const child of info.platforms ?? []) {
    const key = platformKey(child)
    // The analysis keeps only children with a sha256 digest (manifest.ts).
    if (platforms.has(key)) continue
    platforms.set(key, {
      platform: child.platform,
      build: childBuild(child.digest) ?? { digest: child.digest, sizeProblem: 'not fetched' }
    })
  }
  return { digest, platforms, ...(info.problem ? { indexProblem: info.problem } : {}) }
}

/** What is wrong on either side of a comparison, the image's first; undefined when neither. */
function eitherSide(image: string | undefined, baseline: string | undefined): string | undefined {
  const said = [image, baseline].filter((text): text is string => text !== undefined)
  return said.length > 0 ? said.join('; ') : undefined
}

/** Which manifest of which side a size problem is about, as the reasons name it. */
const sideManifest = (side: 'image' | 'baseline', build: Build, platform?: string): string =>
  `the ${side}'s ${platform ? `${platform} ` : ''}manifest ${build.digest}`

/**
 * Two builds' sizes and layers side by side. `platform` names the pair in a size problem. The
 * same digest is the same image: it needs no size to say it did not grow.
 */
function compareBuilds(build: Build, baseline: Build, platform?: string): BuildChange {
  const change: BuildChange = {
    changed: build.digest !== baseline.digest,
    digest: build.digest,
    baselineDigest: baseline.digest
  }
  if (build.size !== undefined && baseline.size !== undefined) {
    Object.assign(change, {
      size: build.size,
      baselineSize: baseline.size,
      sizeDelta: build.size - baseline.size
    })
  } else if (change.changed) {
    const unsized = (side: 'image' | 'baseline', of: Build) =>
      of.size === undefined
        ? `${sideManifest(side, of, platform)}: ${of.sizeProblem ?? 'no size'}`
        : undefined
    const problem = eitherSide(unsized('image', build), unsized('baseline', baseline))
    if (problem !== undefined) change.sizeProblem = problem
  }
  if (build.layers && baseline.layers) {
    const mine = new Set(build.layers)
    const theirs = new Set(baseline.layers)
    const shared = [...mine].filter((layer) => theirs.has(layer)).length
    Object.assign(change, {
      layersAdded: mine.size - shared,
      layersRemoved: theirs.size - shared,
      layersShared: shared
    })
  }
  return change
}

/** A build with nothing to compare with: changed, and all its layers added. */
function newBuild(build: Build): BuildChange {
  return {
    changed: true,
    digest: build.digest,
    ...(build.size !== undefined ? { size: build.size } : {}),
    ...(build.layers ? { layersAdded: new Set(build.layers).size } : {})
  }
}

/** The image against its baseline; `baseline` undefined means there is none (a new image). */
export function compareSides(image: Side, baseline: Side | undefined, label: string): ImageChange {
  if (!baseline) {
    const change: ImageChange = { baseline: label, new: true, ...newBuild(image) }
    if (image.platforms) change.platforms = newPlatforms(image.platforms)
    return change
  }
  if (!image.platforms && !baseline.platforms)
    return { baseline: label, ...compareBuilds(image, baseline) }
  if (!image.platforms || !baseline.platforms) {
    // A change of kind: the digests still say whether it changed, but the sizes do not pair.
    const kinds = image.platforms
      ? 'the image is a multi-arch index and the baseline a single image'
      : 'the image is a single image and the baseline a multi-arch index'
    return {
      baseline: label,
      changed: image.digest !== baseline.digest,
      digest: image.digest,
      baselineDigest: baseline.digest,
      sizeProblem: `${kinds}, so their sizes do not pair; set platform to compare that platform's image with the single one`
    }
  }
  const platforms: Record<string, PlatformChange> = {}
  const added: string[] = []
  for (const [key, { platform, build }] of image.platforms) {
    const before = baseline.platforms.get(key)
    if (before) platforms[platform] = compareBuilds(build, before.build, platform)
    else {
      platforms[platform] = { ...newBuild(build), new: true }
      added.push(platform)
    }
  }
  const removed = [...baseline.platforms]
    .filter(([key]) => !image.platforms?.has(key))
    .map(([, { platform }]) => platform)
  const indexProblem = eitherSide(
    image.indexProblem && `the image's index ${image.digest}: ${image.indexProblem}`,
    baseline.indexProblem && `the baseline's index ${baseline.digest}: ${baseline.indexProblem}`
  )
  return {
    baseline: label,
    changed: image.digest !== baseline.digest,
    digest: image.digest,
    baselineDigest: baseline.digest,
    ...(indexProblem !== undefined && image.digest !== baseline.digest
      ? { sizeProblem: indexProblem }
      : {}),
    platforms,
    platformsAdded: added,
    platformsRemoved: removed
  }
}

/**
 * A single image and a multi-arch one compared through the platform asked for: the index's image
 * of that platform against the single image (`platform` names it as the index does). A side that
 * has no such image gives the reason instead of a build.
 */
export function comparePlatform(
  image: Side,
  baseline: Side,
  label: string,
  pair: { platform: string; image: Build | string; baseline: Build | string }
): ImageChange {
  const whole = {
    baseline: label,
    changed: image.digest !== baseline.digest,
    digest: image.digest,
    baselineDigest: baseline.digest
  }
  if (typeof pair.image === 'string' || typeof pair.baseline === 'string') {
    const unpaired = (side: string, pick: Build | string) =>
      typeof pick === 'string' ? `the ${side}: ${pick}` : undefined
    const sizeProblem = eitherSide(
      unpaired('image', pair.image),
      unpaired('baseline', pair.baseline)
    )
    return { ...whole, ...(sizeProblem ? { sizeProblem } : {}) }
  }
  return {
    ...whole,
    platforms: { [pair.platform]: compareBuilds(pair.image, pair.baseline, pair.platform) }
  }
}

function newPlatforms(platforms: NonNullable<Side['platforms']>): Record<string, PlatformChange> {
  return Object.fromEntries(
    [...platforms.values()].map(({ platform, build }) => [
      platform,
      { ...newBuild(build), new: true as const }
    ])
  )
}

/** A size against a baseline, for the size gate to judge. `platform` for a multi-arch child. */
export interface SizeGrowth {
  platform?: string
  size: number
  baselineSize: number
}

/** A size the gate needs that could not be measured: which (the platform) and why. */
export interface SizeGap {
  platform?: string
  reason: string
}

/** Every size with a baseline size in the change: the image's, or each platform's. */
export function sizeGrowths(change: ImageChange): SizeGrowth[] {
  const growths: SizeGrowth[] = []
  if (change.size !== undefined && change.baselineSize !== undefined)
    growths.push({ size: change.size, baselineSize: change.baselineSize })
  for (const [platform, child] of Object.entries(change.platforms ?? {})) {
    if (child.size !== undefined && child.baselineSize !== undefined)
      growths.push({ platform, size: child.size, baselineSize: child.baselineSize })
  }
  return growths
}

/**
 * Every size of the change that could not be measured against the baseline, naming what is
 * missing. A platform the baseline does not have is new, not a gap; but a change in which no
 * image or platform pairs with the baseline at all has nothing measured, and says so.
 */
export function sizeGaps(change: ImageChange): SizeGap[] {
  const gaps: SizeGap[] = []
  if (change.sizeProblem !== undefined) gaps.push({ reason: change.sizeProblem })
  const paired = Object.entries(change.platforms ?? {}).filter(([, child]) => !child.new)
  for (const [platform, child] of paired) {
    if (child.sizeProblem !== undefined) gaps.push({ platform, reason: child.sizeProblem })
  }
  if (gaps.length === 0 && change.changed && change.platforms && paired.length === 0) {
    const platforms = Object.keys(change.platforms)
    const named = platforms.slice(0, PLATFORMS_NAMED).join(', ')
    const more =
      platforms.length > PLATFORMS_NAMED ? ` and ${platforms.length - PLATFORMS_NAMED} more` : ''
    gaps.push({
      reason:
        platforms.length > 0
          ? `none of the image's platforms (${named}${more}) is in the baseline`
          : 'the image lists no platform'
    })
  }
  return gaps
}

/** How many platforms a size problem names before "and N more": an index can list hundreds. */
const PLATFORMS_NAMED = 10
