// What each manifest that came back says (kind, platforms, sizes) and which platform child a
// deploy pins. Facts only: whether an id passes is decided once, in verdict.ts.

import { requestKey } from '../ecr/calls.js'
import type { Platform } from '../platform.js'
import { annotationTitle, type ImageLookup, type ImageResult } from '../types.js'
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
}

export interface InspectedResult extends Inspection {
  result: ImageResult
}

function manifestOf(result: ImageResult): ManifestInfo | undefined {
  const image = result.image
  if (image?.imageManifest === undefined) return undefined
  return analyzeManifest(image.imageManifest, image.imageManifestMediaType)
}

/** Analyses each manifest that came back and picks the wanted platform. */
export function inspect(results: ImageResult[], platform: Platform | undefined): InspectedResult[] {
  return results.map((result) => {
    // A manifest that is not the image asked for says nothing about that image.
    const unusable = result.failure || result.error || integrityProblem(result) !== undefined
    const manifest = unusable ? undefined : manifestOf(result)
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

export function childKey(target: ImageLookup, digest: string): string {
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
  const childInfo = new Map<string, ManifestInfo>()
  for (const child of children) {
    const info = manifestOf(child)
    if (info && child.request.imageDigest)
      childInfo.set(childKey(child.request, child.request.imageDigest), info)
  }
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
