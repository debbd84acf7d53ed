// Reading what is attached to an image, for the stages that verify it (signatures, provenance):
// the manifests of referrers (or of an index's attestation manifests) by digest, in batched
// BatchGetImage calls with each manifest checked against its digest, and the one layer each
// holds its signed bytes in (GetDownloadUrlForLayer, size-capped, digest-checked). Every read is
// bounded: by what the callers pick, by bytes per layer, by the run's attempts.

import type { Clock } from '../clock.js'
import {
  type BlobOutcome,
  type BlobSource,
  type BlobTarget,
  blobKey,
  fetchBlobs
} from '../ecr/config-blobs.js'
import { targetKey } from '../ecr/calls.js'
import { type LookupContext, lookUpImages } from '../ecr/lookup.js'
import type { ReferrerSubject, ReferrersClient } from '../ecr/referrers.js'
import { MANIFEST_MEDIA_TYPES } from '../media-types.js'
import type { ImageLookup, ImageResult, RepositoryTarget } from '../types.js'
import { registryDigest, sha256Digest } from './integrity.js'
import type { SignatureLayer } from './signatures/artifacts.js'

/** The ECR side of reading attached artifacts: calls, blob URLs, the run's attempts. */
export interface ArtifactClients {
  /** BatchGetImage (tags, and manifests by digest). */
  lookup: LookupContext
  referrers: (region: string) => ReferrersClient
  blobs: BlobSource
  maxAttempts: number
  debug?: (message: string) => void
}

/** A manifest wanted by digest, in a repository. */
export interface ManifestWanted {
  where: RepositoryTarget
  digest: string
}

/** Each manifest's text (its digest checked against its bytes), or why it could not be had. */
export type ManifestRead = (wanted: ManifestWanted) => string | { problem: string }

/** The artifact type (and layer media type) prefix of Sigstore bundles, whatever their version. */
export const SIGSTORE_BUNDLE_TYPE = 'application/vnd.dev.sigstore.bundle'

/** One key per repository and subject digest: referrer listings are asked and found by it. */
export const subjectKey = (subject: ReferrerSubject): string => targetKey(subject) + subject.digest

export const whereOf = (target: RepositoryTarget): RepositoryTarget => ({
  region: target.region,
  repositoryName: target.repositoryName,
  ...(target.registryId ? { registryId: target.registryId } : {})
})

/** A manifest BatchGetImage returned, with its digest checked against its bytes. */
export function manifestText(
  result: ImageResult | undefined,
  digest: string
): string | { problem: string } {
  const manifest = result?.image?.imageManifest
  if (manifest === undefined) {
    const why = result?.error?.message ?? result?.failure?.failureCode ?? 'no answer'
    return { problem: `its manifest could not be read (${why.slice(0, 300)})` }
  }
  if (registryDigest(manifest) !== digest)
    return { problem: 'its manifest does not hash to its digest' }
  return manifest
}

/** Every wanted manifest, by digest, in batched BatchGetImage calls (100 ids a call per repository). */
export async function readManifests(
  wanted: ManifestWanted[],
  clients: ArtifactClients
): Promise<ManifestRead> {
  const lookups: ImageLookup[] = wanted.map(({ where, digest }) => ({
    ...whereOf(where),
    key: digest,
    imageDigest: digest
  }))
  const results =
    lookups.length === 0
      ? []
      : await lookUpImages(lookups, {
          ...clients.lookup,
          // Artifacts are OCI manifests; a narrowed accepted-media-types must not hide them.
          acceptedMediaTypes: [...MANIFEST_MEDIA_TYPES]
        })
  const resultOf = new Map(
    results.map((result) => [targetKey(result.request) + result.request.key, result])
  )
  return ({ where, digest }) =>
    manifestText(resultOf.get(targetKey(whereOf(where)) + digest), digest)
}

/** A layer to read, and where. */
export interface LayerWanted {
  where: RepositoryTarget
  layer: SignatureLayer
}

/** Every item's layer bytes (digest and size checked), or why they could not be had. */
export async function readLayers<T extends LayerWanted>(
  items: T[],
  clients: ArtifactClients,
  options: { clock: Clock; what: string; maxBytes: number }
): Promise<Map<T, Buffer | string>> {
  const read = new Map<T, Buffer | string>()
  const targets: BlobTarget[] = []
  for (const item of items) {
    if (item.layer.size > options.maxBytes)
      read.set(item, `its layer is ${item.layer.size} bytes, over the ${options.maxBytes} read`)
    else targets.push({ ...item.where, digest: item.layer.digest })
  }
  const blobs =
    targets.length === 0
      ? new Map<string, BlobOutcome>()
      : await fetchBlobs(targets, clients.blobs, {
          clock: options.clock,
          maxAttempts: clients.maxAttempts,
          what: options.what,
          ...(clients.debug ? { debug: clients.debug } : {})
        })
  for (const item of items) {
    if (read.has(item)) continue
    const outcome = blobs.get(blobKey({ ...item.where, digest: item.layer.digest }))
    if (!outcome || !('blob' in outcome)) read.set(item, outcome?.reason ?? 'it was not fetched')
    else if (
      sha256Digest(outcome.blob) !== item.layer.digest ||
      outcome.blob.length !== item.layer.size
    )
      read.set(item, 'its layer does not hash to its digest or size')
    else read.set(item, outcome.blob)
  }
  return read
}
