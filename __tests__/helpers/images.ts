// Image references and manifests the end-to-end tests build: URIs in the seeded registry, small
// OCI image manifests of their own, the five media types the action asks for by default.
import { SEED_REGISTRY_ID } from '../../server/fixtures.js'
import { MANIFEST_MEDIA_TYPES, MEDIA_TYPES } from '../../src/media-types.js'

/** The five manifest and index types the action sends when accepted-media-types is not given. */
export const DEFAULT_MEDIA_TYPES: string[] = [...MANIFEST_MEDIA_TYPES]
export const {
  dockerManifest: DOCKER_MANIFEST,
  ociManifest: OCI_MANIFEST,
  ociIndex: OCI_INDEX
} = MEDIA_TYPES

/** The seeded registry's host in a region. */
export function registryHost(region = 'us-east-1'): string {
  return `${SEED_REGISTRY_ID}.dkr.ecr.${region}.amazonaws.com`
}

/** `<host>/<repository>:<tag>` in the seeded registry. */
export function taggedUri(repository: string, tag: string, region = 'us-east-1'): string {
  return `${registryHost(region)}/${repository}:${tag}`
}

/** `<host>/<repository>@<digest>` in the seeded registry: what image-uri pins. */
export function pinnedUri(repository: string, digest: string, region = 'us-east-1'): string {
  return `${registryHost(region)}/${repository}@${digest}`
}

export interface OciManifestOptions {
  /** Hex digit repeated into the config digest (`sha256:aaaa…`). */
  configDigit: string
  /** Hex digit repeated into the one layer's digest. */
  layerDigit: string
  layerSize: number
  annotations: Record<string, string>
}

/** A small OCI image manifest: one config of 1469 bytes, one gzip layer, the annotations given. */
export function ociImageManifest(options: OciManifestOptions): string {
  return JSON.stringify({
    schemaVersion: 2,
    mediaType: OCI_MANIFEST,
    config: {
      mediaType: MEDIA_TYPES.ociConfig,
      size: 1469,
      digest: 'sha256:' + options.configDigit.repeat(64)
    },
    layers: [
      {
        mediaType: MEDIA_TYPES.ociLayer,
        size: options.layerSize,
        digest: 'sha256:' + options.layerDigit.repeat(64)
      }
    ],
    annotations: options.annotations
  })
}

/** Compressed size of a single-image manifest: config plus layers. */
export function imageSize(manifest: string): number {
  const parsed = JSON.parse(manifest) as { config: { size: number }; layers: { size: number }[] }
  return parsed.config.size + parsed.layers.reduce((sum, layer) => sum + layer.size, 0)
}
