// The step outputs, computed from the verdicts. Every value is a string, as GitHub stores them;
// JSON objects are keyed by the image id exactly as the user wrote it.

import { requestKey } from '../ecr/calls.js'
import { imageUri } from '../inputs/repository.js'
import type { EcrFailure, EcrImage } from '../types.js'
import type { ConfigOutput } from '../insight/image-config.js'
import type { ManifestInfo } from '../insight/manifest-types.js'
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

/**
 * At most this many labels of a config are shown in an output: a config can carry any number
 * (its blob is capped at 4 MiB). Every one is read, and require-labels judges them all.
 */
export const LABELS_SHOWN = 200

/** The labels an output shows, the first LABELS_SHOWN in the config's order, and how many not. */
export function shownLabels(labels: Readonly<Record<string, string>>): {
  labels: Readonly<Record<string, string>>
  omitted: number
} {
  const entries = Object.entries(labels)
  if (entries.length <= LABELS_SHOWN) return { labels, omitted: 0 }
  return {
    labels: Object.fromEntries(entries.slice(0, LABELS_SHOWN)),
    omitted: entries.length - LABELS_SHOWN
  }
}

/** A config as an output shows it: its labels clipped, with the count of those left out. */
function shownConfig(config: ConfigOutput): ConfigOutput {
  const { labels, omitted } = shownLabels(config.labels)
  return omitted === 0 ? config : { ...config, labels, labelsOmitted: omitted }
}

/** A manifest as the output shows it: its platforms' configs with their labels clipped. */
function shownManifest(manifest: ManifestInfo): ManifestInfo {
  if (!manifest.platforms?.some((child) => child.config)) return manifest
  return {
    ...manifest,
    platforms: manifest.platforms.map((child) =>
      child.config ? { ...child, config: shownConfig(child.config) } : child
    )
  }
}

/** `manifests`, and the `platform-*` outputs when a platform was asked for. */
function manifestOutputs(verdicts: Verdict[], platform: Platform | undefined): Outputs {
  const entry = ({ result, status, digest, manifest, platformDigest, config }: Verdict) => ({
    id: result.request.key,
    repository: result.request.repositoryName,
    status,
    ...(digest ? { digest } : {}),
    ...(manifest ? shownManifest(manifest) : {}),
    ...(config ? { config: shownConfig(config) } : {}),
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
