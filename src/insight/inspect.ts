// What each manifest that came back says (kind, platforms, sizes) and which platform child a
// deploy pins. Facts only: whether an id passes is decided once, in verdict.ts.

import { requestKey } from '../ecr/calls.js'
import type { Platform } from '../platform.js'
import {
  annotationTitle,
  type EcrImage,
  type ImageLookup,
  type ImageResult,
  type RepositoryTarget
} from '../types.js'
import { integrityProblem } from './integrity.js'
import { analyzeManifest, withPlatformDetails } from './manifest.js'
import type { ConfigOutput } from './image-config.js'
import type { ManifestInfo } from './manifest-types.js'
import { describeNoMatch, matchPlatform } from './platform-match.js'
import type { ReferrerFacts } from './referrer-types.js'

/** What the insight stage found out about one image; verdict.ts judges by it. */
export interface Inspection {
  manifest?: ManifestInfo
  /** With the `platform` input: the digest of the platform manifest a machine of it runs. */
  platformDigest?: string
  /** With the `platform` input: why no platform manifest matches. */
  platformProblem?: string
  /** With `referrers` / `require-referrers`: what is attached to the image (referrers.ts). */
  referrers?: ReferrerFacts
  /** What the image config says, once it was read (read-configs.ts). */
  config?: ConfigOutput
  /** The image's labels; a multi-arch image's are those of the platform picked, else the shared ones. */
  labels?: Record<string, string>
  /** Why the config fails the id: unreadable, tampered, another platform, a require-labels miss. */
  configProblem?: { code: string; reason: string }
  /** Platforms of an index whose own config names another platform (read-configs.ts). */
  platformConflicts?: PlatformConflict[]
}

/** An index entry whose config contradicts the platform the index lists it as. */
export interface PlatformConflict {
  digest: string
  /** The platform as the index lists it. */
  listed: string
  /** The platform as the child's config states it. */
  config: string
}

export interface InspectedResult extends Inspection {
  result: ImageResult
}

/** Each answer's analysis, made once: inspect, the platform children, configs and the comparison ask. */
const analyses = new WeakMap<EcrImage, ManifestInfo>()

/** What the manifest that came back says; undefined when none came back. */
function manifestOf(image: EcrImage | undefined): ManifestInfo | undefined {
  if (image?.imageManifest === undefined) return undefined
  let info = analyses.get(image)
  if (info === undefined) {
    info = analyzeManifest(image.imageManifest, image.imageManifestMediaType)
    analyses.set(image, info)
  }
  return info
}

/**
 * What the manifest of an answer says, when it is the image asked for: undefined for a failure,
 * an error, or a manifest that fails its integrity check (it says nothing about that image).
 */
export function verifiedManifest(result: ImageResult): ManifestInfo | undefined {
  if (result.failure || result.error || integrityProblem(result) !== undefined) return undefined
  return manifestOf(result.image)
}

/** Each fetched platform child's verified manifest, by repository and digest (childKey). */
export function childManifests(children: ImageResult[]): Map<string, ManifestInfo> {
  const manifests = new Map<string, ManifestInfo>()
  for (const child of children) {
    const info = verifiedManifest(child)
    if (info && child.request.imageDigest)
      manifests.set(childKey(child.request, child.request.imageDigest), info)
  }
  return manifests
}

/** Analyses each manifest that came back and picks the wanted platform. */
export function inspect(results: ImageResult[], platform: Platform | undefined): InspectedResult[] {
  return results.map((result) => {
    const manifest = verifiedManifest(result)
    if (!manifest) return { result }
    const inspected: InspectedResult = { result, manifest }
    if (!platform) return inspected
    if (!manifest.platforms) {
      // A single image is its own (only) platform: its digest is what the machine runs.
      const digest = result.image?.imageId?.imageDigest
      if (digest) inspected.platformDigest = digest
      return inspected
    }
    const pick = matchPlatform(manifest.platforms, platform)
    if (pick.match) inspected.platformDigest = pick.match.digest
    else
      inspected.platformProblem = describeNoMatch(
        platform,
        annotationTitle(result.request),
        pick.available
      )
    return inspected
  })
}

/** The per-platform manifests of every index found, asked by digest (for `resolve-platforms`). */
export function childLookups(inspected: InspectedResult[]): ImageLookup[] {
  const lookups = new Map<string, ImageLookup>()
  for (const { result, manifest } of inspected) {
    if (!manifest?.platforms) continue
    const registryId = result.image?.registryId ?? result.request.registryId
    for (const child of manifest.platforms) {
      const lookup: ImageLookup = {
        key: child.digest,
        region: result.request.region,
        repositoryName: result.request.repositoryName,
        imageDigest: child.digest,
        ...(registryId ? { registryId } : {})
      }
      lookups.set(childKey(lookup, child.digest), lookup)
    }
  }
  return [...lookups.values()]
}

export function childKey(target: RepositoryTarget, digest: string): string {
  return requestKey({
    region: target.region,
    repositoryName: target.repositoryName,
    imageDigest: digest
  })
}

/** Each index's platforms with the sizes and layer counts of the children that were fetched. */
export function withChildren(
  inspected: InspectedResult[],
  children: ImageResult[]
): InspectedResult[] {
  if (children.length === 0) return inspected
  // A child that fails its integrity check shows no sizes, as one that could not be fetched.
  const childInfo = childManifests(children)
  return inspected.map((entry) =>
    entry.manifest
      ? {
          ...entry,
          manifest: withPlatformDetails(entry.manifest, (digest) =>
            childInfo.get(childKey(entry.result.request, digest))
          )
        }
      : entry
  )
}
