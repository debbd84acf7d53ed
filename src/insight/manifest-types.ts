// The shapes of what a manifest says, as plain data: the `manifests` output serialises them as
// they are.

import type { Platform } from '../platform.js'
import type { ConfigOutput } from './image-config.js'

export type ManifestKind = 'image' | 'index' | 'schema1' | 'unknown'

/** One runnable child of an index. `size` is the child manifest's own size, as the index states it. */
export interface PlatformManifest extends Platform {
  /** `os/architecture[/variant]`, as `formatPlatform` writes it. */
  platform: string
  /** `os.version` (Windows images); shown, never used for matching. */
  osVersion?: string
  digest: string
  mediaType?: string
  size?: number
  /** Compressed image size and layers, once the child manifest itself was fetched (`resolve-platforms`). */
  imageSize?: number
  layerCount?: number
  /** The child's image config, when it was read (`read-config` with `resolve-platforms`). */
  config?: ConfigOutput
}

/** A buildx attestation (SBOM, provenance): in an index, but not something a machine runs. */
export interface AttestationManifest {
  digest: string
  mediaType?: string
  size?: number
  /** Value of `vnd.docker.reference.type`, usually `attestation-manifest`. */
  referenceType: string
  /** Digest of the platform manifest it attests, and that manifest's platform when listed. */
  referenceDigest?: string
  referencePlatform?: string
}

/** An index child that names no platform at all (artifact indexes, referrers). */
export interface OtherManifest {
  digest: string
  mediaType?: string
  size?: number
  artifactType?: string
}

export interface ManifestInfo {
  kind: ManifestKind
  mediaType?: string
  /** True when neither the registry nor the manifest named the media type and the shape decided it. */
  mediaTypeInferred?: boolean
  schemaVersion?: number
  /** Something about the manifest that is wrong or unsupported (the analysis still says what it can). */
  problem?: string
  /** OCI `artifactType`, or the config media type when it is not a container image (Helm charts). */
  artifactType?: string
  annotations?: Record<string, string>
  // Single images (Docker v2 / OCI manifest).
  configDigest?: string
  configMediaType?: string
  layerCount?: number
  /** Compressed size: config size + the sum of the layer sizes. Absent when a size is missing. */
  size?: number
  // Indexes (Docker manifest list / OCI index).
  platforms?: PlatformManifest[]
  attestations?: AttestationManifest[]
  others?: OtherManifest[]
  // Docker schema 1 (deprecated, never converted up by ECR).
  name?: string
  tag?: string
  architecture?: string
  /** `os/architecture` of a schema 1 image, when its history names the OS. */
  platform?: string
  signed?: boolean
}
