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
  layers?: string[]
}

/** One side of a comparison: a single image, or an index with its platforms' builds. */
export interface Side extends Build {
  /** Multi-arch: by normalised platform, the platform as the index writes it and its build. */
  platforms?: Map<string, { platform: string; build: Build }>
}

/** How one build differs from its baseline. Sizes and layers only where both sides say them. */
export interface BuildChange {
  changed: boolean
  digest: string
  baselineDigest?: string
  size?: number
  baselineSize?: number
  sizeDelta?: number
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

/** A single image's build from its analysis and manifest text; undefined for a bad digest. */
export function buildOf(
  digest: string | undefined,
  info: ManifestInfo | undefined,
  manifest: string | undefined
): Build | undefined {
  if (!digest || !DIGEST_PATTERN.test(digest)) return undefined
  const layers = info?.kind === 'image' && manifest ? layerDigests(manifest) : undefined
  return {
    digest,
    ...(info?.kind === 'image' && info.size !== undefined ? { size: info.size } : {}),
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
      build: childBuild(child.digest) ?? { digest: child.digest }
    })
  }
  return { digest, platforms }
}

function compareBuilds(build: Build, baseline: Build): BuildChange {
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
  if (!image.platforms || !baseline.platforms) {
    // Single against single, or a change of kind: the digests still say whether it changed.
    return { baseline: label, ...compareBuilds(image, baseline) }
  }
  const platforms: Record<string, PlatformChange> = {}
  const added: string[] = []
  for (const [key, { platform, build }] of image.platforms) {
    const before = baseline.platforms.get(key)
    if (before) platforms[platform] = compareBuilds(build, before.build)
    else {
      platforms[platform] = { ...newBuild(build), new: true }
      added.push(platform)
    }
  }
  const removed = [...baseline.platforms]
    .filter(([key]) => !image.platforms?.has(key))
    .map(([, { platform }]) => platform)
  return {
    baseline: label,
    changed: image.digest !== baseline.digest,
    digest: image.digest,
    baselineDigest: baseline.digest,
    platforms,
    platformsAdded: added,
    platformsRemoved: removed
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
