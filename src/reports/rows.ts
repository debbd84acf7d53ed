// One report row per image id as written: what the summary, the PR comment and the log show.

import type { Verdict } from '../insight/verdict.js'
import { formatPlatform, type Platform } from '../platform.js'
import { pinnedUri } from './outputs.js'
import type { ReportRow } from './render.js'

export function reportRows(verdicts: Verdict[], platform: Platform | undefined): ReportRow[] {
  return verdicts.map((verdict) => {
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
    if (verdict.manifest) row.manifest = verdict.manifest
    if (verdict.status !== 'found' && verdict.code)
      row.failureCode = (verdict.codes ?? [verdict.code]).join(', ')
    if (verdict.status !== 'found' && verdict.reason !== undefined)
      row.failureReason = verdict.reason
    if (platform && verdict.platformDigest) {
      row.platform = formatPlatform(platform)
      row.platformDigest = verdict.platformDigest
    }
    const uri = pinnedUri(verdict)
    if (uri && verdict.status === 'found') row.imageUri = uri
    return row
  })
}
