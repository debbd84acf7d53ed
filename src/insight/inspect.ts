// What each found manifest says (kind, platforms, sizes) and which platform child a deploy
// pins, turned into the `manifests` / `platform-*` outputs and the rows of the reports.

import { analyzeManifest, withPlatformDetails } from './manifest.js'
import type { ManifestInfo } from './manifest.js'
import { pinnedUri } from '../reports/outputs.js'
import type { Outputs } from '../reports/outputs.js'
import { formatPlatform } from '../platform.js'
import type { Platform } from '../platform.js'
import { describeNoMatch, matchPlatform } from './platform-match.js'
import type { ReportRow } from '../reports/render.js'
import { targetKey } from '../ecr/calls.js'
import type { ImageRequest, ImageResult } from '../types.js'
import type { Verdict } from './verdict.js'
import { annotationTitle } from './verdict.js'

export interface Insight {
  verdict: Verdict
  manifest?: ManifestInfo
  /** With the `platform` input: the digest and reference of the matching platform manifest. */
  platformDigest?: string
  platformUri?: string
}

/** The per-platform manifests of every index found, asked by digest (for `resolve-platforms`). */
export function childRequests(verdicts: Verdict[]): ImageRequest[] {
  const requests = new Map<string, ImageRequest>()
  for (const { result, status } of verdicts) {
    if (status !== 'found') continue
    const info = manifestOf(result)
    const registryId = result.image?.registryId ?? result.request.registryId
    for (const child of info?.platforms ?? []) {
      const request: ImageRequest = {
        key: child.digest,
        region: result.request.region,
        repositoryName: result.request.repositoryName,
        imageDigest: child.digest,
        ...(registryId ? { registryId } : {})
      }
      requests.set(childKey(request, child.digest), request)
    }
  }
  return [...requests.values()]
}

function childKey(target: ImageRequest, digest: string): string {
  return targetKey({ region: target.region, repositoryName: target.repositoryName }) + digest
}

function manifestOf(result: ImageResult): ManifestInfo | undefined {
  const image = result.image
  if (image?.imageManifest === undefined) return undefined
  return analyzeManifest(image.imageManifest, image.imageManifestMediaType)
}

/**
 * Analyses each found manifest (with the children's details when they were fetched) and picks
 * the wanted platform. An index without that platform fails its id, naming what it has.
 */
export function inspect(
  verdicts: Verdict[],
  platform: Platform | undefined,
  children: ImageResult[] = []
): Insight[] {
  const childInfo = new Map<string, ManifestInfo>()
  for (const child of children) {
    const info = manifestOf(child)
    if (info && child.request.imageDigest)
      childInfo.set(childKey(child.request, child.request.imageDigest), info)
  }
  return verdicts.map((verdict) => {
    const analysed = verdict.status === 'found' ? manifestOf(verdict.result) : undefined
    if (!analysed) return { verdict }
    const manifest = withPlatformDetails(analysed, (digest) =>
      childInfo.get(childKey(verdict.result.request, digest))
    )
    const insight: Insight = { verdict, manifest }
    if (!platform) return insight
    if (!manifest.platforms) {
      // A single image is its own (only) platform: its digest is what the machine runs.
      if (verdict.digest) insight.platformDigest = verdict.digest
    } else {
      const pick = matchPlatform(manifest.platforms, platform)
      if (pick.match) {
        insight.platformDigest = pick.match.digest
      } else {
        const reason = describeNoMatch(
          platform,
          annotationTitle(verdict.result.request),
          pick.available
        )
        return {
          manifest,
          verdict: {
            ...verdict,
            status: 'failed',
            code: 'PlatformNotFound',
            reason,
            failsJob: true,
            annotations: [
              ...verdict.annotations,
              { level: 'error', title: annotationTitle(verdict.result.request), message: reason }
            ]
          }
        }
      }
    }
    const uri = pinnedUri(verdict, insight.platformDigest)
    if (uri) insight.platformUri = uri
    return insight
  })
}

/** `manifests`, and the `platform-*` outputs when a platform was asked for. */
export function insightOutputs(insights: Insight[], platform: Platform | undefined): Outputs {
  const manifests = insights.map(({ verdict, manifest, platformDigest }) => ({
    id: verdict.result.request.key,
    repository: verdict.result.request.repositoryName,
    status: verdict.status,
    ...(verdict.digest ? { digest: verdict.digest } : {}),
    ...(manifest ?? {}),
    ...(platform && platformDigest
      ? { platformDigest, requestedPlatform: formatPlatform(platform) }
      : {})
  }))
  const outputs: Outputs = { manifests: JSON.stringify(manifests) }
  if (!platform) return outputs
  const digests: Record<string, string> = {}
  const uris: Record<string, string> = {}
  for (const { verdict, platformDigest, platformUri } of insights) {
    const { key } = verdict.result.request
    if (platformDigest) digests[key] = platformDigest
    if (platformUri) uris[key] = platformUri
  }
  const firstKey = insights[0]?.verdict.result.request.key ?? ''
  outputs['platform-digest'] = digests[firstKey] ?? ''
  outputs['platform-digests'] = JSON.stringify(digests)
  outputs['platform-image-uri'] = uris[firstKey] ?? ''
  outputs['platform-image-uris'] = JSON.stringify(uris)
  return outputs
}

export function reportRows(insights: Insight[], platform: Platform | undefined): ReportRow[] {
  return insights.map(({ verdict, manifest, platformDigest }) => {
    const { request, image } = verdict.result
    const flagged =
      verdict.status === 'found' && verdict.annotations.some((a) => a.level !== 'notice')
    const row: ReportRow = {
      repository: request.repositoryName,
      id: request.key,
      result: flagged ? 'exists' : verdict.status
    }
    if (verdict.digest) row.digest = verdict.digest
    if (image?.imageManifestMediaType) row.mediaType = image.imageManifestMediaType
    if (manifest) row.manifest = manifest
    if (verdict.status !== 'found' && verdict.code) row.failureCode = verdict.code
    if (verdict.status !== 'found' && verdict.reason !== undefined)
      row.failureReason = verdict.reason
    if (platform && platformDigest) {
      row.platform = formatPlatform(platform)
      row.platformDigest = platformDigest
    }
    const uri = pinnedUri(verdict)
    if (uri && verdict.status === 'found') row.imageUri = uri
    return row
  })
}
