// The step outputs, computed from the verdicts. Every value is a string, as GitHub stores them;
// JSON objects are keyed by the image id exactly as the user wrote it.

import { requestKey } from '../ecr/calls.js'
import { imageUri } from '../inputs/repository.js'
import type { EcrFailure, EcrImage } from '../types.js'
import type { Verdict } from '../insight/verdict.js'
import { formatPlatform, type Platform } from '../platform.js'
import { JsonOutput, type OutputValue } from './json-output.js'

/** The step outputs by name; JSON ones are held as values until written (json-output.ts). */
export type Outputs = Record<string, OutputValue>

/** The pinned reference of a found image; the registry is ECR's answer, so it is never a guess. */
export function pinnedUri(verdict: Verdict, digest = verdict.digest): string | undefined {
  const { request, image } = verdict.result
  const registryId = image?.registryId ?? request.registryId
  if (!digest || !registryId) return undefined
  return imageUri({ ...request, registryId }, digest)
}

/**
 * `images` and `failures` as `aws ecr batch-get-image` prints them: each distinct id of each
 * repository once, in input order.
 */
export function responseArrays(verdicts: Verdict[]): {
  images: EcrImage[]
  failures: EcrFailure[]
} {
  const seen = new Set<string>()
  const images: EcrImage[] = []
  const failures: EcrFailure[] = []
  for (const { result } of verdicts) {
    const key = requestKey(result.request)
    if (seen.has(key)) continue
    seen.add(key)
    if (result.image) images.push(result.image)
    if (result.failure) failures.push(result.failure)
  }
  return { images, failures }
}

/** Every output of a run that looked images up; the `platform-*` ones only with `platform`. */
export function buildOutputs(verdicts: Verdict[], platform: Platform | undefined): Outputs {
  return { ...lookupOutputs(verdicts), ...manifestOutputs(verdicts, platform) }
}

function lookupOutputs(verdicts: Verdict[]): Outputs {
  const digests: Record<string, string> = {}
  const mediaTypes: Record<string, string> = {}
  const imageUris: Record<string, string> = {}
  const missing: string[] = []
  for (const verdict of verdicts) {
    const { key } = verdict.result.request
    if (verdict.status !== 'found') {
      missing.push(key)
      continue
    }
    if (verdict.digest) digests[key] = verdict.digest
    const mediaType = verdict.result.image?.imageManifestMediaType
    if (mediaType) mediaTypes[key] = mediaType
    const uri = pinnedUri(verdict)
    if (uri) imageUris[key] = uri
  }
  const { images, failures } = responseArrays(verdicts)
  const firstKey = verdicts[0]?.result.request.key ?? ''
  const found = verdicts.length - missing.length
  return {
    images: JsonOutput.list(images),
    failures: JsonOutput.list(failures),
    digest: digests[firstKey] ?? '',
    'media-type': mediaTypes[firstKey] ?? '',
    'image-uri': imageUris[firstKey] ?? '',
    digests: JsonOutput.record(digests),
    'media-types': JsonOutput.record(mediaTypes),
    'image-uris': JsonOutput.record(imageUris),
    missing: JsonOutput.list(missing),
    'found-count': String(found),
    'missing-count': String(missing.length),
    'all-found': String(missing.length === 0)
  }
}

/** `manifests`, and the `platform-*` outputs when a platform was asked for. */
function manifestOutputs(verdicts: Verdict[], platform: Platform | undefined): Outputs {
  const entry = ({ result, status, digest, manifest, platformDigest, config }: Verdict) => ({
    id: result.request.key,
    repository: result.request.repositoryName,
    status,
    ...(digest ? { digest } : {}),
    ...(manifest ?? {}),
    ...(config ? { config } : {}),
    ...(platform && platformDigest
      ? { platformDigest, requestedPlatform: formatPlatform(platform) }
      : {})
  })
  const outputs: Outputs = { manifests: JsonOutput.list(verdicts, entry) }
  if (!platform) return outputs
  const digests: Record<string, string> = {}
  const uris: Record<string, string> = {}
  for (const verdict of verdicts) {
    const { key } = verdict.result.request
    if (!verdict.platformDigest) continue
    digests[key] = verdict.platformDigest
    const uri = pinnedUri(verdict, verdict.platformDigest)
    if (uri) uris[key] = uri
  }
  const firstKey = verdicts[0]?.result.request.key ?? ''
  outputs['platform-digest'] = digests[firstKey] ?? ''
  outputs['platform-digests'] = JsonOutput.record(digests)
  outputs['platform-image-uri'] = uris[firstKey] ?? ''
  outputs['platform-image-uris'] = JsonOutput.record(uris)
  return outputs
}
